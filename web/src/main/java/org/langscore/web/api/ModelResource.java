package org.langscore.web.api;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.langscore.db.ModelRepository;
import org.langscore.db.ScoreRepository;
import org.langscore.web.service.ApiProblem;
import org.langscore.web.service.ModelRegistration;
import org.langscore.web.service.ModelService;

/** Registered models: register (token needed), list, get, and a model's scores. */
@Path("/api/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {
    @Inject
    ModelService service;

    @Inject
    ModelRepository models;

    @Inject
    ScoreRepository scores;

    @Inject
    ObjectMapper json;

    /** Registers a model: 201 with its location, or 200 when the same model is already registered. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(ModelRegistration request) {
        ModelService.Registered registered = service.register(request);
        Views.ModelView view = Views.ModelView.of(registered.model(), json);
        return (registered.created() ? Response.created(URI.create(view.location())) : Response.ok()).entity(view)
                .build();
    }

    /** @return one page of the registered models, by identifier, with their total */
    @GET
    public Views.Page<Views.ModelView> list(@QueryParam("limit") String limit, @QueryParam("offset") String offset) {
        Paging paging = Paging.of(limit, offset);
        return paging.page(models.listOrdered(paging.offset(), paging.limit()).stream()
                .map(m -> Views.ModelView.of(m, json)).toList(), models.count());
    }

    /** @return one model */
    @GET
    @Path("/{id}")
    public Views.ModelView get(@PathParam("id") long id) {
        return models.findByIdOptional(id).map(m -> Views.ModelView.of(m, json))
                .orElseThrow(() -> ApiProblem.notFound("model " + id));
    }

    /** @return one page of a model's scores, with their total */
    @GET
    @Path("/{id}/scores")
    public Views.Page<Views.ScoreView> scores(@PathParam("id") long id, @QueryParam("limit") String limit,
                                              @QueryParam("offset") String offset) {
        if (models.findByIdOptional(id).isEmpty()) {
            throw ApiProblem.notFound("model " + id);
        }
        return ScoreResource.page(scores, json, Paging.of(limit, offset), id, null, null);
    }
}
