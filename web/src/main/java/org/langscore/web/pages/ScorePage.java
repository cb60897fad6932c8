package org.langscore.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.ModelEntity;
import org.langscore.db.ScoreEntity;
import org.langscore.web.service.Leaderboard;

/**
 * A score's page: its numbers, the benchmark's definition (description, ceiling, BibTeX), how it was
 * computed, its parts, and links that download the per-item data as CSV or JSON from the API.
 */
@Path("/scores/{id}")
public class ScorePage {
    @Inject
    PageData data;

    /** A part of the score (a suite). */
    public record PartLine(String benchmark, String value, String raw) {
    }

    /** A per-item table with its download links. */
    public record Download(String name, int rows, String csv, String json) {
    }

    /** The page. */
    public record View(ScoreEntity score, ModelEntity model, BenchmarkEntity benchmark, ModelPage.ScoreLine line,
                       Map<String, Object> attributes, Map<String, Object> policyParameters, List<PartLine> parts,
                       List<Download> downloads, String unclipped, String started, String benchmarkCeiling) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get(@PathParam("id") long id) {
        ScoreEntity score = data.score(id).orElseThrow(() -> new NotFoundException("score " + id + " does not exist"));
        ModelEntity model = data.model(score.modelId).orElseThrow(() -> new NotFoundException("model " + score.modelId));
        BenchmarkEntity benchmark = data.benchmark(score.benchmark, score.benchmarkVersion).orElse(null);
        List<PartLine> parts = new ArrayList<>();
        for (Leaderboard.Part part : data.parts(score)) {
            parts.add(new PartLine(part.benchmark(), Formats.number(part.value()), Formats.number(part.raw())));
        }
        List<Download> downloads = new ArrayList<>();
        for (Map.Entry<String, Integer> table : data.itemTableSizes(id).entrySet()) {
            String name = URLEncoder.encode(table.getKey(), StandardCharsets.UTF_8);
            downloads.add(new Download(table.getKey(), table.getValue(),
                    "/api/scores/" + id + "/items?format=csv&table=" + name, "/api/scores/" + id + "/items?table=" + name));
        }
        return Templates.score(new View(score, model, benchmark, ModelPage.ScoreLine.of(score),
                data.object(score.attributes), data.object(score.policyParameters), parts, downloads,
                Formats.number(score.unclippedValue), Formats.time(score.startedAt),
                benchmark == null ? "–" : Formats.number(benchmark.ceiling)));
    }
}
