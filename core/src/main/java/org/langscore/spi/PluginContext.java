package org.langscore.spi;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the host gives a factory: its own configuration view ({@code plugins.<id>.*} with the prefix
 * stripped) and the host's directories.
 *
 * @param config configuration keys for this factory, immutable
 * @param cacheDirectory where the plugin may cache downloads
 * @param homeDirectory the langscore home directory
 */
public record PluginContext(Map<String, String> config, Path cacheDirectory, Path homeDirectory) {
    public PluginContext {
        config = Map.copyOf(config);
        Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        Objects.requireNonNull(homeDirectory, "homeDirectory");
    }

    /** @return the value of a configuration key, or the default */
    public String config(String key, String defaultValue) {
        return config.getOrDefault(key, defaultValue);
    }
}
