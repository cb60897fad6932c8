/**
 * The SyntaxGym benchmarks (Hu et al. 2020): {@code syntaxgym-<suite>} per test suite and the
 * {@code syntaxgym-2020} aggregate; see the module's README.md for definitions, data and the
 * differences from Brain-Score.
 */
package org.langscore.syntaxgym;
