package org.langscore.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the reader asked the leaderboard for, as carried in its query string so that a view can be
 * shared by its URL: the sort column and direction, the text and metadata filters, and the expanded
 * column groups.
 *
 * @param sort the key of the column to sort by ({@link LeaderboardView#AVERAGE_KEY} by default)
 * @param descending true to put the highest value first
 * @param text a case-insensitive text the model identifier or architecture must contain; empty for all
 * @param architecture the architecture a model must have; empty for all
 * @param minParameters the least parameter count, or null for no bound
 * @param maxParameters the greatest parameter count, or null for no bound
 * @param open the keys of the expanded column groups
 */
public record LeaderboardQuery(String sort, boolean descending, String text, String architecture,
                               Long minParameters, Long maxParameters, Set<String> open) {
    /** The query of a bare {@code /}: by average, best first, nothing filtered or expanded. */
    public static final LeaderboardQuery DEFAULT =
            new LeaderboardQuery(LeaderboardView.AVERAGE_KEY, true, "", "", null, null, Set.of());

    public LeaderboardQuery {
        sort = sort == null || sort.isBlank() ? LeaderboardView.AVERAGE_KEY : sort;
        text = text == null ? "" : text.strip();
        architecture = architecture == null ? "" : architecture.strip();
        if (minParameters != null && minParameters < 0) {
            throw new IllegalArgumentException("minParameters must not be negative, got " + minParameters);
        }
        if (maxParameters != null && maxParameters < 0) {
            throw new IllegalArgumentException("maxParameters must not be negative, got " + maxParameters);
        }
        open = Set.copyOf(Objects.requireNonNull(open, "open"));
    }

    /** @return true when the model passes the text and metadata filters */
    public boolean accepts(String identifier, String modelArchitecture, Long parameterCount) {
        if (!text.isEmpty()) {
            String needle = text.toLowerCase(Locale.ROOT);
            boolean inName = identifier.toLowerCase(Locale.ROOT).contains(needle);
            boolean inArchitecture = modelArchitecture != null && modelArchitecture.toLowerCase(Locale.ROOT).contains(needle);
            if (!inName && !inArchitecture) {
                return false;
            }
        }
        if (!architecture.isEmpty() && !architecture.equalsIgnoreCase(modelArchitecture == null ? "" : modelArchitecture)) {
            return false;
        }
        if (minParameters != null && (parameterCount == null || parameterCount < minParameters)) {
            return false;
        }
        return maxParameters == null || (parameterCount != null && parameterCount <= maxParameters);
    }

    /** @return the least parameter count as typed back into the form, or empty */
    public String minParametersText() {
        return minParameters == null ? "" : ParameterCount.format(minParameters);
    }

    /** @return the greatest parameter count as typed back into the form, or empty */
    public String maxParametersText() {
        return maxParameters == null ? "" : ParameterCount.format(maxParameters);
    }

    /** @return true when the group of this key is expanded */
    public boolean isOpen(String key) {
        return open.contains(key);
    }

    /** @return true when any filter is set */
    public boolean filtered() {
        return !text.isEmpty() || !architecture.isEmpty() || minParameters != null || maxParameters != null;
    }

    /** @return this query sorted by another column: a second click on the sorted column flips the direction */
    public LeaderboardQuery sortedBy(String key) {
        boolean nextDescending = key.equals(sort) ? !descending : !LeaderboardView.MODEL_KEY.equals(key);
        return new LeaderboardQuery(key, nextDescending, text, architecture, minParameters, maxParameters, open);
    }

    /** @return this query with the group of this key expanded, or collapsed when it was expanded */
    public LeaderboardQuery toggled(String key) {
        Set<String> next = new TreeSet<>(open);
        if (!next.remove(key)) {
            next.add(key);
        }
        return new LeaderboardQuery(sort, descending, text, architecture, minParameters, maxParameters, next);
    }

    /** @return the query string (with its leading {@code ?}, or empty) that restores this query */
    public String queryString() {
        List<String> parts = new ArrayList<>();
        if (!LeaderboardView.AVERAGE_KEY.equals(sort) || !descending) {
            parts.add("sort=" + encode(sort));
            parts.add("dir=" + (descending ? "desc" : "asc"));
        }
        if (!text.isEmpty()) {
            parts.add("q=" + encode(text));
        }
        if (!architecture.isEmpty()) {
            parts.add("arch=" + encode(architecture));
        }
        if (minParameters != null) {
            parts.add("minParams=" + ParameterCount.format(minParameters));
        }
        if (maxParameters != null) {
            parts.add("maxParams=" + ParameterCount.format(maxParameters));
        }
        for (String key : new TreeSet<>(open)) {
            parts.add("open=" + encode(key));
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    /**
     * Reads a query from the request's parameters.
     *
     * @throws IllegalArgumentException naming the parameter when a parameter count cannot be read
     */
    public static LeaderboardQuery parse(String sort, String dir, String text, String architecture, String minParameters,
                                         String maxParameters, Collection<String> open) {
        boolean descending = dir == null || dir.isBlank() || !dir.strip().equalsIgnoreCase("asc");
        return new LeaderboardQuery(sort, descending, text, architecture, ParameterCount.parse("minParams", minParameters),
                ParameterCount.parse("maxParams", maxParameters), open == null ? Set.of() : Set.copyOf(open));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
