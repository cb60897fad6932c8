/** A test plugin for the pages' browser tests: a slow fake subject and a small reading-times benchmark. */
package org.langscore.web.pages.testing;
