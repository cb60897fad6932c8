package org.langscore.web.api;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import org.langscore.web.service.PlatformSettings;

/**
 * Reads of the API are public; every write (POST, PUT, PATCH, DELETE under {@code /api}) needs
 * {@code Authorization: Bearer <token>} with a token of {@code langscore.api.tokens}. A missing or
 * wrong token gets 401 before any resource runs, so nothing changes.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class WriteAuthorization implements ContainerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    PlatformSettings settings;

    private volatile BearerTokens tokens;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (READS.contains(request.getMethod()) || !(path.startsWith("/api") || path.startsWith("api"))) {
            return;
        }
        BearerTokens known = tokens();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String detail;
        if (known.isEmpty()) {
            detail = "writes are disabled: the server has no API token (set langscore.api.tokens)";
        } else if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            detail = "this request changes data and needs the header 'Authorization: Bearer <token>'";
        } else if (!known.accepts(header.substring(7).strip())) {
            detail = "the bearer token is not one of the server's API tokens";
        } else {
            return;
        }
        request.abortWith(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"langscore\"")
                .type(ProblemMapper.PROBLEM_JSON)
                .entity(ProblemMapper.problem(401, "UNAUTHORIZED", "Authorization", detail)).build());
    }

    private BearerTokens tokens() {
        BearerTokens current = tokens;
        if (current == null) {
            current = new BearerTokens(settings.apiTokens());
            tokens = current;
        }
        return current;
    }
}
