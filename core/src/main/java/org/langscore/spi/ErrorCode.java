package org.langscore.spi;

/**
 * The categories of {@link ScoringException}. Each says whether the fault is the user's (a wrong
 * argument, a missing file) or the program's, so that the host can decide between a one-line message
 * and a stack trace.
 */
public enum ErrorCode {
    /** A command-line or API argument is malformed or missing. */
    INVALID_ARGUMENT(true),
    /** No subject factory accepts the model reference. */
    UNKNOWN_MODEL(true),
    /** No benchmark is registered under the identifier. */
    UNKNOWN_BENCHMARK(true),
    /** Two plugins register the same identifier. */
    DUPLICATE_IDENTIFIER(false),
    /** A plugin jar or provider could not be loaded. */
    PLUGIN_LOAD_FAILED(true),
    /** A model folder is incomplete, corrupt or of an unsupported architecture. */
    MODEL_LOAD_FAILED(true),
    /** A file (model, data set, input) is missing or unreadable. */
    FILE_NOT_FOUND(true),
    /** A data file is malformed. */
    INVALID_DATA(true),
    /** A downloaded or cached data set does not have the expected checksum. */
    DATASET_CHECKSUM_MISMATCH(true),
    /** A download from a public source failed. */
    DOWNLOAD_FAILED(true),
    /** The subject does not support the behavioural task. */
    UNSUPPORTED_TASK(true),
    /** The subject needs more memory than the machine offers. */
    INSUFFICIENT_MEMORY(true),
    /** The evaluation was cancelled. */
    CANCELLED(true),
    /** A fault inside the model computation. */
    COMPUTATION_FAILED(false),
    /** A bug: something that should never happen. */
    INTERNAL(false);

    private final boolean userError;

    ErrorCode(boolean userError) {
        this.userError = userError;
    }

    /** @return true when the fault lies in the user's input, so that no stack trace is shown */
    public boolean isUserError() {
        return userError;
    }
}
