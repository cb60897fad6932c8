/** The {@code precomputed} subject: answers reading-time tasks from a file of per-word surprisal or token log-probabilities. */
package org.langscore.precomputed;
