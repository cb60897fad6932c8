package org.langscore.db;

import io.quarkus.panache.common.Parameters;

/**
 * A Panache query built from optional equality filters: a filter whose value is null matches
 * everything.
 */
final class FilterQuery {
    private final StringBuilder query = new StringBuilder("1 = 1");
    private final Parameters parameters = new Parameters();

    /** Adds {@code field = :field} when the value is not null. */
    FilterQuery equal(String field, Object value) {
        if (value != null) {
            query.append(" and ").append(field).append(" = :").append(field);
            parameters.and(field, value);
        }
        return this;
    }

    /** @return the condition alone, for counting */
    String condition() {
        return query.toString();
    }

    /** @return the query with its ordering */
    String orderedBy(String order) {
        return query + " order by " + order;
    }

    Parameters parameters() {
        return parameters;
    }
}
