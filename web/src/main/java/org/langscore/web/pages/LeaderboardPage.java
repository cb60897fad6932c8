package org.langscore.web.pages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.web.service.PlatformSettings;

/**
 * The leaderboard at {@code /}: one row per public model, columns per benchmark under their parents,
 * sorted and filtered by the query string, which also carries the expanded groups, so that a view can
 * be shared by its URL.
 */
@Path("/")
public class LeaderboardPage {
    @Inject
    PageData data;

    @Inject
    PlatformSettings settings;

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
        PageData.BoardSnapshot snapshot = data.board();
        LeaderboardView board = LeaderboardBuilder.build(snapshot.models(), snapshot.benchmarks(), snapshot.scores(),
                new HashSet<>(settings.engineeringParents()), query);
        return Templates.leaderboard(board, errors);
    }
}
