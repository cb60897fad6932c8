package org.langscore.huggingface.model;

import com.google.gson.JsonParseException;

/**
 * Says in one line what is wrong with a JSON text that Gson refused: its own words with the line, column
 * and path (for example {@code Unterminated object at line 3 column 5 path $.n_embd}), without the
 * exception class names and the troubleshooting link Gson appends.
 */
public final class JsonProblem {

    private JsonProblem() {
    }

    /**
     * @param e what Gson threw
     * @return one line: the innermost message, without Gson's "See https://..." advice
     */
    public static String describe(JsonParseException e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String message = innermost.getMessage() != null ? innermost.getMessage() : e.getMessage();
        if (message == null || message.isBlank()) {
            return innermost.getClass().getSimpleName();
        }
        int advice = message.indexOf("\nSee ");
        if (advice >= 0) {
            message = message.substring(0, advice);
        }
        message = message.replaceAll("(?:[a-z]+\\.)+[A-Za-z]*(?:Exception|Error): ", "");
        return message.lines().map(String::strip).filter(line -> !line.isEmpty())
                .reduce((a, b) -> a + "; " + b).orElse(innermost.getClass().getSimpleName());
    }
}
