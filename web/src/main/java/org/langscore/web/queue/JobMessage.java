package org.langscore.web.queue;

import java.util.Objects;
import java.util.UUID;

/**
 * The queue message of one (model, benchmark) job: just its id. The job's row in the database is
 * the truth; the message only says "look at this job".
 *
 * @param jobId the evaluation job's id
 */
public record JobMessage(UUID jobId) {
    public JobMessage {
        Objects.requireNonNull(jobId, "jobId");
    }
}
