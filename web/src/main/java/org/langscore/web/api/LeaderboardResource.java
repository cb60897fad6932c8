package org.langscore.web.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.langscore.web.service.Leaderboard;
import org.langscore.web.service.LeaderboardService;

/** The leaderboard: a row per public model (and policy), a column per benchmark and parent. */
@Path("/api/leaderboard")
@Produces(MediaType.APPLICATION_JSON)
public class LeaderboardResource {
    @Inject
    LeaderboardService service;

    /** @return the leaderboard, optionally of one policy */
    @GET
    public Leaderboard.Table get(@QueryParam("policy") String policy) {
        return service.table(policy);
    }
}
