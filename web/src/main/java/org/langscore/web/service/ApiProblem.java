package org.langscore.web.service;

import java.util.Objects;

/**
 * A request the platform refuses, with the HTTP status, a stable code and the request field at fault;
 * the API turns it into a JSON problem document. Faults of scoring itself are {@link
 * org.langscore.spi.ScoringException}s.
 */
public class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;

    /**
     * @param status the HTTP status (400, 401, 404, 409, ...)
     * @param code a stable upper-case code ("NOT_FOUND", "INVALID_ARGUMENT")
     * @param field the request field at fault, or null
     * @param message what is wrong, naming the value
     */
    public ApiProblem(int status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
    }

    /** @return a 400 naming the field */
    public static ApiProblem invalid(String field, String message) {
        return new ApiProblem(400, "INVALID_ARGUMENT", field, message);
    }

    /** @return a 404 */
    public static ApiProblem notFound(String what) {
        return new ApiProblem(404, "NOT_FOUND", null, what + " does not exist");
    }

    /** @return a 409 */
    public static ApiProblem conflict(String field, String message) {
        return new ApiProblem(409, "CONFLICT", field, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the stable code */
    public String code() {
        return code;
    }

    /** @return the request field at fault, or null */
    public String field() {
        return field;
    }
}
