/** Finds plugins (on the class path and in the plugins directory) and registers their factories by identifier. */
package org.langscore.registry;
