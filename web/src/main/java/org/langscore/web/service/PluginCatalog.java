package org.langscore.web.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.langscore.registry.PluginLoader;
import org.langscore.registry.PluginRegistry;
import org.langscore.runtime.LangscoreHome;
import org.langscore.spi.PluginContext;

/**
 * The plugins the platform scores with: the built-in ones and the jars of the plugins directory,
 * loaded once on first use.
 */
@ApplicationScoped
public class PluginCatalog {
    private volatile PluginRegistry registry;
    private final LangscoreHome home = LangscoreHome.fromEnvironment(System.getenv());

    /** @return the registry, loading the plugins on the first call */
    public PluginRegistry registry() {
        PluginRegistry loaded = registry;
        if (loaded == null) {
            synchronized (this) {
                loaded = registry;
                if (loaded == null) {
                    loaded = PluginLoader.loadAll(Thread.currentThread().getContextClassLoader(), home.plugins());
                    registry = loaded;
                }
            }
        }
        return loaded;
    }

    /** @return the langscore home directory */
    public LangscoreHome home() {
        return home;
    }

    /** @return the context for a factory: its {@code plugins.<id>.*} keys with the prefix stripped */
    public PluginContext contextFor(String factoryId) {
        Config config = ConfigProvider.getConfig();
        String prefix = "plugins." + factoryId + ".";
        Map<String, String> keys = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(prefix)) {
                config.getOptionalValue(name, String.class).ifPresent(v -> keys.put(name.substring(prefix.length()), v));
            }
        }
        return new PluginContext(keys, home.cache(), home.root());
    }
}
