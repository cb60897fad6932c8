package org.langscore.web.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.langscore.registry.PluginLoader;
import org.langscore.registry.PluginRegistry;
import org.langscore.runtime.LangscoreHome;

/**
 * What the commands need from their surroundings: the home directory, the output streams and the
 * plugin registry (loaded on first use, so that a usage error costs nothing).
 */
public final class CliEnvironment {
    private final LangscoreHome home;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private PluginRegistry registry;

    /**
     * @param home the langscore home
     * @param out standard output (results)
     * @param err standard error (progress, errors)
     * @param interactive whether standard error is a terminal (progress redraws one line)
     */
    public CliEnvironment(LangscoreHome home, PrintWriter out, PrintWriter err, boolean interactive) {
        this.home = home;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
    }

    /** The environment of a real run: {@code langscore.home} property, else the environment variables. */
    public static CliEnvironment fromSystem(PrintWriter out, PrintWriter err) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        String property = System.getProperty("langscore.home");
        if (property != null) {
            environment.put("LANGSCORE_HOME", property);
        }
        return new CliEnvironment(LangscoreHome.fromEnvironment(environment), out, err, System.console() != null);
    }

    public LangscoreHome home() {
        return home;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public boolean interactive() {
        return interactive;
    }

    /** @return the registry of built-in plugins and the jars in the plugins directory */
    public synchronized PluginRegistry registry() {
        if (registry == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            registry = PluginLoader.loadAll(loader == null ? CliEnvironment.class.getClassLoader() : loader,
                    home.plugins());
        }
        return registry;
    }

    /** @return the cache directory below the home */
    public Path cache() {
        return home.cache();
    }
}
