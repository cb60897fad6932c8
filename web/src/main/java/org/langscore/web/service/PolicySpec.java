package org.langscore.web.service;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A context policy with its parameters, written {@code name} or {@code name:key=value,key=value}
 * ({@code sliding-window:stride=256,window=512}). The canonical text (parameters sorted by key) is
 * the policy part of a score's unique key, so that the same settings always meet the same score.
 *
 * @param name the policy name ("default": the subject's own default)
 * @param parameters the parameters, sorted by key
 */
public record PolicySpec(String name, Map<String, String> parameters) {
    /** The policy of a request that names none. */
    public static final String DEFAULT = "default";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-]{0,63}");
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9\\-]{0,31}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");

    public PolicySpec {
        Objects.requireNonNull(name, "name");
        parameters = Map.copyOf(parameters);
    }

    /**
     * Parses a policy text.
     *
     * @throws ApiProblem 400 naming the field {@code policy} and the part at fault
     */
    public static PolicySpec parse(String text) {
        if (text == null || text.isBlank()) {
            return new PolicySpec(DEFAULT, Map.of());
        }
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        String name = colon < 0 ? trimmed : trimmed.substring(0, colon);
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.invalid("policy", "'" + name + "' is not a policy name");
        }
        Map<String, String> parameters = new TreeMap<>();
        if (colon >= 0) {
            for (String pair : trimmed.substring(colon + 1).split(",", -1)) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals).strip();
                String value = equals < 0 ? "" : pair.substring(equals + 1).strip();
                if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches() || key.equals("policy")) {
                    throw ApiProblem.invalid("policy", "'" + pair + "' in policy '" + text
                            + "' is not a parameter key=value (for example window=512)");
                }
                if (parameters.put(key, value) != null) {
                    throw ApiProblem.invalid("policy", "parameter '" + key + "' appears twice in policy '" + text + "'");
                }
            }
        }
        return new PolicySpec(name, parameters);
    }

    /** @return the canonical text: the name, then the parameters sorted by key */
    public String canonical() {
        if (parameters.isEmpty()) {
            return name;
        }
        StringBuilder text = new StringBuilder(name).append(':');
        new TreeMap<>(parameters).forEach((k, v) -> text.append(k).append('=').append(v).append(','));
        return text.substring(0, text.length() - 1);
    }

    /** @return the options handed to the subject factory: {@code policy} (unless default) and the parameters */
    public Map<String, String> subjectOptions() {
        Map<String, String> options = new TreeMap<>(parameters);
        if (!name.equals(DEFAULT)) {
            options.put("policy", name);
        }
        return options;
    }
}
