/** Text rules every subject shares, so that scores from different subjects stay comparable. */
package org.langscore.text;
