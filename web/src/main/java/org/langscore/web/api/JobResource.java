package org.langscore.web.api;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.db.EvaluationJobRepository;
import org.langscore.db.JobState;
import org.langscore.web.service.ApiProblem;
import org.langscore.web.service.JobService;

/** Evaluation jobs: list, get (state, progress, error), cancel and retry (token needed). */
@Path("/api/jobs")
@Produces(MediaType.APPLICATION_JSON)
public class JobResource {
    @Inject
    EvaluationJobRepository jobs;

    @Inject
    JobService service;

    /** @return one page of the jobs matching the filters, newest first, with their total */
    @GET
    public Views.Page<Views.JobView> list(@QueryParam("state") String state, @QueryParam("model") Long model,
                                          @QueryParam("benchmark") String benchmark,
                                          @QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        JobState wanted = null;
        if (state != null) {
            try {
                wanted = JobState.valueOf(state.toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("state", "unknown state '" + state
                        + "'; one of QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED");
            }
        }
        return paging.page(jobs.search(wanted, model, benchmark, paging.offset(), paging.limit()).stream()
                .map(Views.JobView::of).toList(), jobs.countMatching(wanted, model, benchmark));
    }

    /** @return one job */
    @GET
    @Path("/{id}")
    public Views.JobView get(@PathParam("id") UUID id) {
        return jobs.findByIdOptional(id).map(Views.JobView::of).orElseThrow(() -> ApiProblem.notFound("job " + id));
    }

    /** Cancels a queued or running job. */
    @POST
    @Path("/{id}/cancel")
    public Views.JobView cancel(@PathParam("id") UUID id) {
        return Views.JobView.of(service.cancel(id));
    }

    /** Queues a failed or cancelled job again. */
    @POST
    @Path("/{id}/retry")
    public Views.JobView retry(@PathParam("id") UUID id) {
        return Views.JobView.of(service.retry(id));
    }
}
