package org.langscore.web.api;

import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.web.service.ApiProblem;

/** Scores: list and filter, get one, and download its per-item data as JSON or CSV. */
@Path("/api/scores")
@Produces(MediaType.APPLICATION_JSON)
public class ScoreResource {
    @Inject
    ScoreRepository scores;

    @Inject
    ObjectMapper json;

    /** @return one page of the scores matching the filters (model id, benchmark identifier, policy), with their total */
    @GET
    public Views.Page<Views.ScoreView> list(@QueryParam("model") Long model, @QueryParam("benchmark") String benchmark,
                                            @QueryParam("policy") String policy, @QueryParam("limit") String limit,
                                            @QueryParam("offset") String offset) {
        return page(scores, json, Paging.of(limit, offset), model, benchmark, policy);
    }

    /** @return one page of the scores matching the filters, for every score list of the API */
    static Views.Page<Views.ScoreView> page(ScoreRepository scores, ObjectMapper json, Paging paging, Long model,
                                            String benchmark, String policy) {
        return paging.page(scores.search(model, benchmark, policy, paging.offset(), paging.limit()).stream()
                .map(s -> Views.ScoreView.of(s, List.of(), json)).toList(), scores.countMatching(model, benchmark, policy));
    }

    /** @return one score with the names of its per-item tables */
    @GET
    @Path("/{id}")
    public Views.ScoreView get(@PathParam("id") long id) {
        ScoreEntity score = scores.findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("score " + id));
        return Views.ScoreView.of(score, scores.items(id).stream().map(t -> t.name).toList(), json);
    }

    /**
     * Downloads per-item data: every table as JSON, or one table ({@code table}, default the first)
     * as CSV with {@code format=csv}.
     */
    @GET
    @Path("/{id}/items")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response items(@PathParam("id") long id, @QueryParam("format") String format,
                          @QueryParam("table") String table) {
        if (scores.findByIdOptional(id).isEmpty()) {
            throw ApiProblem.notFound("score " + id);
        }
        List<ScoreItemsEntity> tables = scores.items(id).stream()
                .filter(t -> table == null || t.name.equals(table)).toList();
        if (table != null && tables.isEmpty()) {
            throw ApiProblem.notFound("item table '" + table + "' of score " + id);
        }
        String chosen = format == null ? "json" : format;
        switch (chosen) {
            case "json" -> {
                return Response.ok(tables.stream().map(this::view).toList(), MediaType.APPLICATION_JSON).build();
            }
            case "csv" -> {
                if (tables.isEmpty()) {
                    throw ApiProblem.notFound("per-item data of score " + id);
                }
                Views.ItemTableView view = view(tables.get(0));
                return Response.ok(Csv.write(view.columns(), view.rows()), "text/csv")
                        .header("Content-Disposition", "attachment; filename=\"score-" + id + "-" + view.name() + ".csv\"")
                        .build();
            }
            default -> throw ApiProblem.invalid("format", "format must be 'json' or 'csv', got '" + format + "'");
        }
    }

    private Views.ItemTableView view(ScoreItemsEntity table) {
        try {
            List<String> columns = json.readValue(table.columns, new TypeReference<List<String>>() { });
            List<List<Object>> rows = json.readValue(table.rows, new TypeReference<List<List<Object>>>() { });
            return new Views.ItemTableView(table.name, columns, rows);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored item table " + table.id + " is not valid JSON", e);
        }
    }
}
