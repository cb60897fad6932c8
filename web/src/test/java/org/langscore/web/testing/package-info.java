/** Test support for the platform's integration tests: a database and queue names of their own, an event recorder. */
package org.langscore.web.testing;
