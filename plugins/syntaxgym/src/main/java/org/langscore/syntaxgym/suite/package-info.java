/** SyntaxGym test suites: the catalogue of pinned suite files, the JSON loader and the suite's value types. */
package org.langscore.syntaxgym.suite;
