/** Platform events (job queued, started, progress, succeeded, failed; score recorded; model registered) as small JSON records. */
package org.langscore.web.events;
