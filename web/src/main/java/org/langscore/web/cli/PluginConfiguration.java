package org.langscore.web.cli;

import java.util.Map;

import org.langscore.web.service.PluginSettings;

/**
 * The configuration view a factory receives on the command line: {@link PluginSettings}, the same
 * {@code plugins.<id>.<key>} keys (application.properties, environment, {@code -D}) that {@code serve} reads.
 */
final class PluginConfiguration {
    private PluginConfiguration() {
    }

    static Map<String, String> forFactory(String id) {
        return PluginSettings.forFactory(id);
    }
}
