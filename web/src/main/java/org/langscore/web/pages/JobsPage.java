package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.db.ModelEntity;

/**
 * The queue: each job's state, progress, speed and error, with cancel and retry buttons. The server
 * renders the first view; {@code /static/jobs.js} then polls {@code GET /api/jobs?limit=}{@value #LIMIT} (only
 * the rows it shows) every second and
 * updates the rows, and calls the API's cancel and retry with the token kept in the browser's session.
 */
@Path("/jobs")
public class JobsPage {
    /** How many jobs the page lists. */
    static final int LIMIT = 200;

    @Inject
    PageData data;

    /** A job as the page first shows it. */
    public record Line(String id, String model, long modelId, String benchmark, String policy, String state,
                       int attempts, double progress, String percent, String wordsPerSecond, String stage,
                       String created, String started, String startedIso, String lastError, Long scoreId) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get(@QueryParam("model") String model, @QueryParam("submitted") Integer submitted) {
        Map<Long, String> names = new HashMap<>();
        for (ModelEntity entity : data.allModels()) {
            names.put(entity.id, entity.identifier);
        }
        List<Line> lines = new ArrayList<>();
        for (EvaluationJobEntity job : data.recentJobs(LIMIT)) {
            lines.add(new Line(job.id.toString(), names.getOrDefault(job.modelId, "#" + job.modelId), job.modelId,
                    job.benchmark, job.policy, job.state.name(), job.attempts, job.progressFraction,
                    String.format(java.util.Locale.ROOT, "%.0f%%", 100 * job.progressFraction),
                    String.format(java.util.Locale.ROOT, "%.1f", job.wordsPerSecond),
                    job.progressStage == null ? "" : job.progressStage, Formats.time(job.createdAt),
                    Formats.time(job.startedAt), job.startedAt == null ? "" : job.startedAt.toString(),
                    job.lastError == null ? "" : job.lastError, job.scoreId));
        }
        return Templates.jobs(lines, model == null ? "" : model, submitted == null ? 0 : submitted, LIMIT);
    }
}
