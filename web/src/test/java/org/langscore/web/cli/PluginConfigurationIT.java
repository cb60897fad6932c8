package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.langscore.web.service.PluginCatalog;
import org.langscore.web.testing.PlatformServers;

/**
 * Issue 14: the command line read {@code plugins.<id>.<key>} from system properties only, so a key in
 * application.properties reached {@code serve} but not {@code score}. The key
 * {@code %test.plugins.fake-reading.probe} of application.properties must reach both.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
class PluginConfigurationIT {
    @Inject
    PluginCatalog plugins;

    @Test
    void oneKeyOfApplicationPropertiesReachesScoreAndServe() {
        assertEquals("application.properties", plugins.contextFor("fake-reading").config().get("probe"),
                "serve and worker (PluginCatalog)");
        assertEquals("application.properties", PluginConfiguration.forFactory("fake-reading").get("probe"),
                "score, surprisal and plugin commands (PluginConfiguration)");
    }
}
