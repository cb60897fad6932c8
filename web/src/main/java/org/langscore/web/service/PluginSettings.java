package org.langscore.web.service;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The one path of plugin configuration, for the command line and for {@code serve}/{@code worker}
 * alike: the keys {@code plugins.<id>.<key>} of MicroProfile Config (application.properties, {@code -D}
 * system properties, environment variables) with the prefix stripped. An environment variable in its
 * upper-case form ({@code PLUGINS_HUGGINGFACE_HUB_OFFLINE}) overrides a key named elsewhere; one that
 * names a key nowhere else becomes the key with each {@code _} read as {@code .}.
 */
public final class PluginSettings {
    private PluginSettings() {
    }

    /** @return the configuration view of a factory, from the running application's configuration */
    public static Map<String, String> forFactory(String factoryId) {
        return forFactory(ConfigProvider.getConfig(), System.getenv(), factoryId);
    }

    /**
     * @param config the configuration (its environment source already overrides keys it names)
     * @param environment the environment, for keys that only it names
     * @param factoryId the factory's id
     * @return the keys of {@code plugins.<factoryId>.} with the prefix stripped, sorted
     */
    static Map<String, String> forFactory(Config config, Map<String, String> environment, String factoryId) {
        String prefix = "plugins." + factoryId + ".";
        Map<String, String> view = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> view.put(name.substring(prefix.length()), v));
            }
        }
        String environmentPrefix = environmentName(prefix);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(environmentPrefix) || name.length() == environmentPrefix.length()) {
                continue;
            }
            boolean named = view.keySet().stream().anyMatch(key -> environmentName(prefix + key).equals(name));
            if (!named) {
                view.put(name.substring(environmentPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                        variable.getValue());
            }
        }
        return view;
    }

    /** @return the environment form of a property name, as MicroProfile Config defines it */
    static String environmentName(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
