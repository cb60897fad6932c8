/** The metrics of the benchmarks, as plain Java: correlation, accuracy, split-half consistency, ceiling normalisation. */
package org.langscore.metrics;
