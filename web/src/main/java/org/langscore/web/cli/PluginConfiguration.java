package org.langscore.web.cli;

import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration view a factory receives: the system properties {@code plugins.<id>.<key>}
 * (for example {@code -Dplugins.huggingface.hub.offline=true}) with the prefix stripped.
 */
final class PluginConfiguration {
    private PluginConfiguration() {
    }

    static Map<String, String> forFactory(String id) {
        String prefix = "plugins." + id + ".";
        Map<String, String> view = new TreeMap<>();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                view.put(name.substring(prefix.length()), System.getProperty(name));
            }
        }
        return view;
    }
}
