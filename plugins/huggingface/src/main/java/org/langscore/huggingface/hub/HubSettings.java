package org.langscore.huggingface.hub;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Where and how models are fetched from the Hub, by the HuggingFace conventions: {@code HF_ENDPOINT}
 * (default {@code https://huggingface.co}), the cache {@code HF_HUB_CACHE} or {@code $HF_HOME/hub}
 * (default {@code ~/.cache/huggingface/hub}), {@code HF_TOKEN} sent as a bearer token, and
 * {@code HF_HUB_OFFLINE=1} for the cache only. The plugin configuration keys {@code hub.endpoint},
 * {@code hub.cache} and {@code hub.offline} override the environment.
 *
 * @param endpoint the Hub's base URI, without a trailing slash
 * @param cacheDirectory the Hub cache folder (holding {@code models--org--name} folders)
 * @param token the access token, or null
 * @param offline true to use the cache only
 */
public record HubSettings(URI endpoint, Path cacheDirectory, String token, boolean offline) {
    /** The public Hub. */
    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";

    public HubSettings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        String text = endpoint.toString();
        if (text.endsWith("/")) {
            endpoint = URI.create(text.substring(0, text.length() - 1));
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
    }

    /**
     * @param environment the process environment (System.getenv())
     * @param config the plugin configuration
     * @return the settings
     * @throws ScoringException when the endpoint is not a valid http(s) URI
     */
    public static HubSettings from(Map<String, String> environment, Map<String, String> config) {
        String endpoint = firstOf(config.get("hub.endpoint"), environment.get("HF_ENDPOINT"), DEFAULT_ENDPOINT);
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "the Hub endpoint '" + endpoint
                    + "' (HF_ENDPOINT or hub.endpoint) is not a URI", e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "the Hub endpoint '" + endpoint
                    + "' (HF_ENDPOINT or hub.endpoint) must be an http or https URI");
        }
        Path cache;
        if (config.get("hub.cache") != null) {
            cache = Path.of(config.get("hub.cache"));
        } else if (environment.get("HF_HUB_CACHE") != null) {
            cache = Path.of(environment.get("HF_HUB_CACHE"));
        } else if (environment.get("HF_HOME") != null) {
            cache = Path.of(environment.get("HF_HOME")).resolve("hub");
        } else {
            cache = Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub");
        }
        String offline = firstOf(config.get("hub.offline"), environment.get("HF_HUB_OFFLINE"), "0");
        return new HubSettings(uri, cache, environment.get("HF_TOKEN"), isTrue(offline));
    }

    private static boolean isTrue(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return v.equals("1") || v.equals("true") || v.equals("yes") || v.equals("on");
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
