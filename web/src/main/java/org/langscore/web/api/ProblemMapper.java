package org.langscore.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;
import org.langscore.web.pages.ErrorPage;
import org.langscore.web.service.ApiProblem;

/**
 * Turns every error of the API into a JSON problem document ({@code application/problem+json}) with
 * a stable code and, where one is at fault, the request field; a page's error (a path outside
 * {@code /api} and {@code /q}) becomes an HTML page instead. User mistakes are logged in one line;
 * bugs with their stack trace.
 */
public class ProblemMapper {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    /** The media type of problem documents. */
    public static final MediaType PROBLEM_JSON = new MediaType("application", "problem+json");

    static Views.Problem problem(int status, String code, String field, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Views.Problem("urn:langscore:problem:" + code.toLowerCase().replace('_', '-'),
                known == null ? "Error" : known.getReasonPhrase(), status, code, detail, field);
    }

    static Response response(int status, String code, String field, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(problem(status, code, field, detail)).build();
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        LOG.debugf("refused: %s", e.getMessage());
        return response(e.status(), e.code(), e.field(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response scoring(ScoringException e) {
        int status = status(e.code());
        if (e.code().isUserError()) {
            LOG.debugf("refused (%s): %s", e.code(), e.getMessage());
        } else {
            LOG.error("internal error", e);
        }
        return response(status, e.code().name(), null, e.getMessage());
    }

    /**
     * The HTTP status of an error code: the client's mistake is 4xx, a failure of a server it depends
     * on (the Hub, a data host) is 502, a lack of resources 503, a bug 500.
     */
    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_ARGUMENT -> 400;
            case UNKNOWN_MODEL, UNKNOWN_BENCHMARK -> 404;
            case CANCELLED -> 409;
            case MODEL_LOAD_FAILED, FILE_NOT_FOUND, INVALID_DATA, UNSUPPORTED_TASK -> 422;
            case DOWNLOAD_FAILED, DATASET_CHECKSUM_MISMATCH -> 502;
            case INSUFFICIENT_MEMORY -> 503;
            case PLUGIN_LOAD_FAILED, DUPLICATE_IDENTIFIER, COMPUTATION_FAILED, INTERNAL -> 500;
        };
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e) {
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference reference : mapping.getPath()) {
                if (reference.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
                } else if (reference.getIndex() >= 0) {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        return response(400, "INVALID_JSON", field, "the request body is not valid JSON for this resource: "
                + e.getOriginalMessage());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException parse) {
                // Quarkus REST reports an unreadable body as a 400 whose cause is Jackson's error.
                return json(parse);
            }
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406, 415 -> "UNSUPPORTED_MEDIA_TYPE";
            default -> status >= 500 ? "INTERNAL" : "BAD_REQUEST";
        };
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        if (ErrorPage.isPage(uri.getPath())) {
            Response.Status known = Response.Status.fromStatusCode(status);
            return ErrorPage.response(status, known == null ? "Error" : known.getReasonPhrase(), e.getMessage());
        }
        return response(status, code, null, e.getMessage());
    }
}
