package org.langscore.web.service;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
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
    private final LangscoreHome home = homeFromSystem();

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

    /** @return the home as the command line finds it: the {@code langscore.home} property, else the environment */
    static LangscoreHome homeFromSystem() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        String property = System.getProperty("langscore.home");
        if (property != null && !property.isBlank()) {
            environment.put("LANGSCORE_HOME", property);
        }
        return LangscoreHome.fromEnvironment(environment);
    }

    /** @return the langscore home directory */
    public LangscoreHome home() {
        return home;
    }

    /** @return the context for a factory: its {@code plugins.<id>.*} keys with the prefix stripped */
    public PluginContext contextFor(String factoryId) {
        return new PluginContext(PluginSettings.forFactory(factoryId), home.cache(), home.root());
    }
}
