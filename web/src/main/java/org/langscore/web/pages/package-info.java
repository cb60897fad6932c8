/** The web pages: leaderboard, model, score, submit and jobs pages rendered on the server with Qute. */
package org.langscore.web.pages;
