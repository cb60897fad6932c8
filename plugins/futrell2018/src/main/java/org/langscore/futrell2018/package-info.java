/** The Natural Stories self-paced reading-times benchmarks ({@code Futrell2018-pearsonr} and its per-story variant). */
package org.langscore.futrell2018;
