package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {
    @Test
    void keysOfTheFactoryWithThePrefixStrippedFromPropertiesAndEnvironment() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "plugins.huggingface.hub.offline", "false",
                "plugins.huggingface.batch", "8",
                "plugins.futrell2018-pearsonr.data-dir", "/data"), "application.properties", 250)).build();
        Map<String, String> environment = Map.of(
                "PLUGINS_HUGGINGFACE_HUB_OFFLINE", "true",
                "PLUGINS_HUGGINGFACE_HUB_TOKEN_FILE", "/run/secrets/hf",
                "PLUGINS_SYNTAXGYM_X", "other plugin");

        Map<String, String> view = PluginSettings.forFactory(config, environment, "huggingface");

        // The environment source of a real configuration overrides hub.offline itself; here only the
        // environment-only key is added, and the properties' value stays.
        assertEquals(Map.of("hub.offline", "false", "batch", "8", "hub.token.file", "/run/secrets/hf"), view);
        assertEquals(Map.of("data-dir", "/data"), PluginSettings.forFactory(config, Map.of(), "futrell2018-pearsonr"));
        assertEquals("PLUGINS_FUTRELL2018_PEARSONR_DATA_DIR",
                PluginSettings.environmentName("plugins.futrell2018-pearsonr.data-dir"));
    }
}
