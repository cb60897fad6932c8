package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.web.service.LeaderboardService;

/**
 * The leaderboard at {@code /}: one row per public model, columns per benchmark under their parents,
 * sorted and filtered by the query string, which also carries the expanded groups, so that a view can
 * be shared by its URL. The numbers are those of {@code /api/leaderboard}: both are views of
 * {@link LeaderboardService#table}.
 */
@Path("/")
public class LeaderboardPage {
    @Inject
    LeaderboardService leaderboard;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get(@QueryParam("sort") String sort, @QueryParam("dir") String dir, @QueryParam("q") String text,
                                @QueryParam("arch") String architecture, @QueryParam("minParams") String minParameters,
                                @QueryParam("maxParams") String maxParameters, @QueryParam("open") List<String> open) {
        List<String> errors = new ArrayList<>();
        LeaderboardQuery query;
        try {
            query = LeaderboardQuery.parse(sort, dir, text, architecture, minParameters, maxParameters, open);
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            query = LeaderboardQuery.parse(sort, dir, text, architecture, null, null, open);
        }
        LeaderboardView board = LeaderboardBuilder.build(leaderboard.table(null), query);
        return Templates.leaderboard(board, errors);
    }
}
