package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.qute.TemplateInstance;
import org.langscore.db.ModelEntity;
import org.langscore.db.ScoreEntity;
import org.langscore.web.service.Leaderboard;

/**
 * A model's page: its metadata, every score with its context policy and version, and the plots: for
 * a reading-times benchmark (Futrell2018) per-word surprisal against mean reading time with the
 * fitted line and r; for a benchmark with parts (SyntaxGym) a bar per part.
 */
@Path("/models/{identifier: .+}")
public class ModelPage {
    /** The per-word columns a reading-times scatter needs. */
    static final List<String> READING_COLUMNS = List.of("surprisal_bits", "mean_rt_ms");
    /** The per-word column that marks a word the score does not count. */
    static final String SENTENCE_INITIAL = "sentence_initial";

    @Inject
    PageData data;

    /** A score as the page lists it. */
    public record ScoreLine(long id, String benchmark, int version, String policy, String policyParameters,
                            String value, String raw, String ceiling, String uncertainty, String langscoreVersion,
                            String finished, String error) {
        static ScoreLine of(ScoreEntity s) {
            return new ScoreLine(s.id, s.benchmark, s.benchmarkVersion, s.policy, s.policyParameters,
                    Formats.number(s.value), Formats.number(s.rawValue), Formats.number(s.ceiling),
                    Formats.number(s.uncertainty), s.langscoreVersion, Formats.time(s.finishedAt), s.error);
        }
    }

    /**
     * A plot.
     *
     * @param id the SVG element's id
     * @param title the heading
     * @param caption what is plotted
     * @param svg the SVG markup
     * @param points how many points or bars
     * @param scoreId the score plotted
     */
    public record Chart(String id, String title, String caption, String svg, int points, long scoreId) {
    }

    /** The page. */
    public record View(ModelEntity model, String parameters, String registered, Map<String, Object> metadata,
                       List<ScoreLine> scores, List<Chart> charts) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get(@PathParam("identifier") String identifier) {
        ModelEntity model = data.model(identifier)
                .orElseThrow(() -> new NotFoundException("model '" + identifier + "' is not registered"));
        List<ScoreEntity> scores = data.scoresOf(model.id);
        List<Chart> charts = new ArrayList<>();
        for (ScoreEntity score : scores) {
            if (score.failed()) {
                continue;
            }
            charts.addAll(readingScatters(score));
            Chart bars = partBars(score);
            if (bars != null) {
                charts.add(bars);
            }
        }
        return Templates.model(new View(model, ParameterCount.display(model.parameterCount),
                Formats.time(model.registeredAt), data.object(model.metadata),
                scores.stream().map(ScoreLine::of).toList(), charts));
    }

    private List<Chart> readingScatters(ScoreEntity score) {
        List<Chart> charts = new ArrayList<>();
        for (PageData.ItemTable table : data.itemTablesWithColumns(score.id, READING_COLUMNS)) {
            List<double[]> points = scoredPoints(table);
            if (points.size() < 2) {
                continue;
            }
            double[] xs = points.stream().mapToDouble(p -> p[0]).toArray();
            double[] ys = points.stream().mapToDouble(p -> p[1]).toArray();
            String id = "scatter-" + score.id + "-" + table.name();
            charts.add(new Chart(id, score.benchmark + ": surprisal and reading time",
                    "Each point is a word the score counts: its surprisal under the model (bits) against its mean"
                            + " reading time (ms); sentence-initial words, which the score leaves out, are not drawn."
                            + " The line is the least-squares fit and r is Pearson's correlation of the points,"
                            + " the score's r.",
                    SvgCharts.scatter(id, "surprisal (bits)", "mean reading time (ms)", xs, ys), points.size(), score.id));
        }
        return charts;
    }

    /**
     * The (surprisal, reading time) of each word the score counts: rows marked
     * {@value #SENTENCE_INITIAL} are left out, as Futrell2018 leaves them out of its correlation, so
     * that the plot's r is the score's.
     */
    static List<double[]> scoredPoints(PageData.ItemTable table) {
        int xColumn = table.column(READING_COLUMNS.get(0));
        int yColumn = table.column(READING_COLUMNS.get(1));
        int initialColumn = table.column(SENTENCE_INITIAL);
        List<double[]> points = new ArrayList<>();
        for (List<Object> row : table.rows()) {
            if (initialColumn >= 0 && Boolean.TRUE.equals(row.get(initialColumn))) {
                continue;
            }
            if (row.get(xColumn) instanceof Number x && row.get(yColumn) instanceof Number y
                    && Double.isFinite(x.doubleValue()) && Double.isFinite(y.doubleValue())) {
                points.add(new double[] {x.doubleValue(), y.doubleValue()});
            }
        }
        return points;
    }

    private Chart partBars(ScoreEntity score) {
        List<Leaderboard.Part> parts = data.parts(score);
        if (parts.size() < 2) {
            return null;
        }
        String prefix = Leaderboard.GROUPS.getOrDefault(score.benchmark, score.benchmark + "/");
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (Leaderboard.Part part : parts) {
            String label = part.benchmark().startsWith(prefix) ? part.benchmark().substring(prefix.length()) : part.benchmark();
            bars.add(new SvgCharts.Bar(label, Double.isFinite(part.value()) ? part.value() : part.raw()));
        }
        String id = "bars-" + score.id;
        return new Chart(id, score.benchmark + ": per part", "One bar per part of the score (" + parts.size()
                + " parts); for SyntaxGym each bar is a suite's accuracy.", SvgCharts.bars(id, "score", bars), bars.size(),
                score.id);
    }
}
