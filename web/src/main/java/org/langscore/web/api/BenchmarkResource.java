package org.langscore.web.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.BenchmarkRepository;
import org.langscore.db.ScoreRepository;
import org.langscore.web.service.ApiProblem;
import org.langscore.web.service.PlatformSettings;

/** Benchmarks with their tree (parents) and ceilings, and the scores of one benchmark. */
@Path("/api/benchmarks")
@Produces(MediaType.APPLICATION_JSON)
public class BenchmarkResource {
    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ScoreRepository scores;

    @Inject
    PlatformSettings settings;

    @Inject
    ObjectMapper json;

    /** @return every benchmark version and the tree of the latest versions */
    @GET
    public Views.BenchmarkList list() {
        List<Views.BenchmarkView> all = benchmarks.listOrdered().stream().map(Views.BenchmarkView::of).toList();
        Map<String, List<String>> tree = new LinkedHashMap<>();
        for (BenchmarkEntity latest : benchmarks.listLatest()) {
            tree.computeIfAbsent(latest.parent, p -> new ArrayList<>()).add(latest.identifier);
        }
        Set<String> engineering = new HashSet<>(settings.engineeringParents());
        List<Views.BenchmarkGroup> groups = tree.entrySet().stream()
                .map(e -> new Views.BenchmarkGroup(e.getKey(), engineering.contains(e.getKey()), e.getValue())).toList();
        return new Views.BenchmarkList(all, groups);
    }

    /** @return the scores of a benchmark, optionally of one policy */
    @GET
    @Path("/{identifier}/scores")
    public Views.Page<Views.ScoreView> scores(@PathParam("identifier") String identifier,
                                              @QueryParam("policy") String policy, @QueryParam("limit") String limit,
                                              @QueryParam("offset") String offset) {
        if (benchmarks.findLatest(identifier).isEmpty()) {
            throw ApiProblem.notFound("benchmark " + identifier);
        }
        return ScoreResource.page(scores, json, Paging.of(limit, offset), null, identifier, policy);
    }
}
