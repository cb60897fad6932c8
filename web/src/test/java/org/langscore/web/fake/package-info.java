/** A fake subject and fake benchmarks for the platform's tests, found through the plugin SPI like real plugins. */
package org.langscore.web.fake;
