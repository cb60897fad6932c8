package org.langscore.registry;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

import org.langscore.runtime.DatasetCache;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.Plugin;
import org.langscore.spi.ScoringException;

/**
 * Loads plugins into a {@link PluginRegistry}: the built-in ones from a class loader, and each jar of
 * a plugins directory in a class loader of its own whose parent shares the SPI. A broken jar is
 * reported by name and skipped; it does not stop the others.
 *
 * <p>A plugin jar is trusted code: it runs in the host's JVM with the host's permissions (files,
 * network, database credentials). Only the operator may write the plugins directory; each jar loaded
 * is logged, and registered, with its SHA-256, so that what runs can be checked.
 */
public final class PluginLoader {
    private static final System.Logger LOG = System.getLogger(PluginLoader.class.getName());

    private final List<URLClassLoader> jarLoaders = new ArrayList<>();

    /**
     * Registers every plugin visible to the class loader.
     *
     * @throws ScoringException on a duplicate id, because built-in plugins must be consistent
     */
    public void loadBuiltIn(PluginRegistry registry, ClassLoader classLoader) {
        for (Plugin plugin : ServiceLoader.load(Plugin.class, classLoader)) {
            registry.register(plugin, "class path");
        }
    }

    /**
     * Registers the plugins of every {@code *.jar} in the directory (none when it does not exist).
     * Each jar gets its own class loader whose parent is the loader of the SPI.
     */
    public void loadDirectory(PluginRegistry registry, Path directory) {
        if (!Files.isDirectory(directory)) {
            LOG.log(Level.DEBUG, "no plugins directory at {0}", directory);
            return;
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(directory)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.PLUGIN_LOAD_FAILED, "cannot list plugins directory " + directory, e);
        }
        for (Path jar : jars) {
            loadJar(registry, jar);
        }
    }

    private void loadJar(PluginRegistry registry, Path jar) {
        try (java.util.jar.JarFile opened = new java.util.jar.JarFile(jar.toFile())) {
            if (opened.getEntry("META-INF/services/" + Plugin.class.getName()) == null) {
                skip(registry, jar, new ScoringException(ErrorCode.PLUGIN_LOAD_FAILED,
                        "no META-INF/services/" + Plugin.class.getName() + " file in the jar"));
                return;
            }
        } catch (IOException e) {
            skip(registry, jar, new ScoringException(ErrorCode.PLUGIN_LOAD_FAILED,
                    "not a readable jar file (" + e.getMessage() + ")", e));
            return;
        }
        URLClassLoader loader;
        try {
            loader = new URLClassLoader("plugin:" + jar.getFileName(), new URL[] {jar.toUri().toURL()},
                    Plugin.class.getClassLoader());
        } catch (MalformedURLException e) {
            skip(registry, jar, e);
            return;
        }
        try {
            String origin = jar + " (sha256 " + DatasetCache.sha256(jar) + ")";
            int found = 0;
            // Only providers declared by this jar itself: the parent's are already registered.
            for (ServiceLoader.Provider<Plugin> provider : ServiceLoader.load(Plugin.class, loader).stream().toList()) {
                if (provider.type().getClassLoader() != loader) {
                    continue;
                }
                registry.register(provider.get(), origin);
                found++;
            }
            if (found == 0) {
                throw new ScoringException(ErrorCode.PLUGIN_LOAD_FAILED,
                        "no META-INF/services/" + Plugin.class.getName() + " provider in the jar");
            }
            jarLoaders.add(loader);
            // A plugin jar is trusted code with the host's permissions: say exactly which bytes run.
            LOG.log(Level.INFO, "loaded plugin jar {0}", origin);
        } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
            skip(registry, jar, e);
            closeQuietly(loader);
        }
    }

    private static void skip(PluginRegistry registry, Path jar, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String problem = "skipped plugin jar " + jar + ": " + reason;
        registry.recordProblem(problem);
        LOG.log(Level.WARNING, problem);
        LOG.log(Level.DEBUG, "details of the skipped plugin jar " + jar, e);
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "closing plugin class loader failed", e);
        }
    }

    /** @return a registry with the built-in plugins of the class loader and those of the directory */
    public static PluginRegistry loadAll(ClassLoader builtIn, Path pluginsDirectory) {
        PluginRegistry registry = new PluginRegistry();
        PluginLoader loader = new PluginLoader();
        loader.loadBuiltIn(registry, builtIn);
        loader.loadDirectory(registry, pluginsDirectory);
        return registry;
    }
}
