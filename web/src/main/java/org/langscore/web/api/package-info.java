/** The REST API: thin resources, bearer-token checks on writes, and JSON problem documents for errors. */
package org.langscore.web.api;
