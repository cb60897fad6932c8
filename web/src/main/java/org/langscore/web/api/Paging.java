package org.langscore.web.api;

import java.util.List;

import org.langscore.web.service.ApiProblem;

/**
 * The {@code limit} and {@code offset} of a list request: every list endpoint answers one page and
 * the total, so that no request reads a whole table.
 *
 * @param offset how many items to skip (0 or more)
 * @param limit the most items to return (1 to {@value #MAX_LIMIT})
 */
record Paging(int offset, int limit) {
    /** The page size when none is asked for. */
    static final int DEFAULT_LIMIT = 100;
    /** The largest page. */
    static final int MAX_LIMIT = 1000;

    /**
     * Reads the query parameters.
     *
     * @param limit the {@code limit} parameter, or null
     * @param offset the {@code offset} parameter, or null
     * @throws ApiProblem 400 naming the parameter when it is not a number in range
     */
    static Paging of(String limit, String offset) {
        return new Paging(number("offset", offset, 0, 0, Integer.MAX_VALUE),
                number("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
    }

    /** @return the page of these items out of a total */
    <T> Views.Page<T> page(List<T> items, long total) {
        return new Views.Page<>(items, items.size(), total, offset, limit);
    }

    private static int number(String name, String text, int absent, int least, int most) {
        if (text == null || text.isBlank()) {
            return absent;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value >= least && value <= most) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the range.
        }
        throw ApiProblem.invalid(name, name + " must be a whole number from " + least + " to " + most + ", got '"
                + text + "'");
    }
}
