/** SyntaxGym prediction formulas: a hand-written parser and the expression tree that evaluates them against region values. */
package org.langscore.syntaxgym.formula;
