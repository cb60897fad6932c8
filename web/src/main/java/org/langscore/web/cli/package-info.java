/** The {@code langscore} command line: list, score, surprisal, and the entry point of the application. */
package org.langscore.web.cli;
