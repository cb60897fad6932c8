package org.langscore.spi;

import java.util.Objects;

/**
 * The one exception of langscore. It carries an {@link ErrorCode}; its message names the file,
 * field or value at fault and, where possible, what to do. The cause is always chained.
 */
public class ScoringException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * @param code the category of the fault
     * @param message what went wrong, naming the offending file, field or value
     */
    public ScoringException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * @param code the category of the fault
     * @param message what went wrong, naming the offending file, field or value
     * @param cause the underlying exception
     */
    public ScoringException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** @return the category of the fault */
    public ErrorCode code() {
        return code;
    }
}
