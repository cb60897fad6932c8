/** The service-provider interface between the langscore host and its plugins: subjects, benchmarks and their values. */
package org.langscore.spi;
