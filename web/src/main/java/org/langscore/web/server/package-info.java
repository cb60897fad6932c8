/** The {@code serve} and {@code worker} commands and the settings each mode starts with. */
package org.langscore.web.server;
