package org.langscore.spi;

import java.util.List;

/**
 * The entry point of a plugin jar, found by {@link java.util.ServiceLoader} from a
 * {@code META-INF/services/org.langscore.spi.Plugin} file. Every method has a default so that new
 * extension points never break old plugins.
 */
public interface Plugin {

    /** @return the plugin's name, for logs */
    default String name() {
        return getClass().getName();
    }

    /** @return the subject factories this plugin contributes */
    default List<SubjectFactory> subjectFactories() {
        return List.of();
    }

    /** @return the benchmark factories this plugin contributes */
    default List<BenchmarkFactory> benchmarkFactories() {
        return List.of();
    }

    /** @return the command-line tools this plugin contributes */
    default List<PluginCommand> commands() {
        return List.of();
    }
}
