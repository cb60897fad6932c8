/** The platform's use cases: registering models, submitting evaluations, managing jobs, the leaderboard. */
package org.langscore.web.service;
