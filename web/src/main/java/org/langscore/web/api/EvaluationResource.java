package org.langscore.web.api;

import java.net.URI;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.web.service.EvaluationRequest;
import org.langscore.web.service.EvaluationService;

/** Submits evaluations (token needed): 202 Accepted with the location of every job. */
@Path("/api/evaluations")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {
    @Inject
    EvaluationService service;

    /** Records and queues one job per (model, benchmark); progress and completion are events. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(EvaluationRequest request) {
        List<EvaluationJobEntity> jobs = service.submit(request);
        List<Views.JobView> views = jobs.stream().map(Views.JobView::of).toList();
        Response.ResponseBuilder accepted = Response.accepted(
                new Views.Submitted(views, views.stream().map(Views.JobView::location).toList()));
        if (views.size() == 1) {
            accepted.location(URI.create(views.get(0).location()));
        }
        return accepted.build();
    }
}
