package org.langscore.spi;

import java.io.PrintWriter;
import java.util.List;

/**
 * A command-line tool contributed by a plugin (for example {@code langscore random-model}). The host
 * adds it as a subcommand and hands it the raw arguments; the plugin parses them.
 */
public interface PluginCommand {

    /** @return the subcommand name, unique among all plugins */
    String name();

    /** @return a one-line description for the usage text */
    String description();

    /**
     * Runs the command.
     *
     * @param arguments the arguments after the command name
     * @param out standard output
     * @param err standard error
     * @param context host directories and configuration
     * @return the exit code: 0 success, 2 usage error, 1 failure
     * @throws ScoringException for a failure; the host prints its message
     */
    int run(List<String> arguments, PrintWriter out, PrintWriter err, PluginContext context);
}
