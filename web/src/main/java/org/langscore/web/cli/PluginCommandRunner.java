package org.langscore.web.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.langscore.spi.PluginCommand;
import org.langscore.spi.PluginContext;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** Runs a command-line tool contributed by a plugin, handing it the raw arguments. */
@Command(name = "plugin-command")
final class PluginCommandRunner implements Callable<Integer> {
    private final PluginCommand command;
    private final CliEnvironment environment;

    @Unmatched
    List<String> arguments = new ArrayList<>();

    PluginCommandRunner(PluginCommand command, CliEnvironment environment) {
        this.command = command;
        this.environment = environment;
    }

    /** @return a picocli subcommand for the plugin command */
    static CommandLine subcommand(PluginCommand command, CliEnvironment environment) {
        CommandLine commandLine = new CommandLine(new PluginCommandRunner(command, environment));
        commandLine.getCommandSpec().name(command.name());
        commandLine.getCommandSpec().usageMessage().description(command.description());
        commandLine.setUnmatchedArgumentsAllowed(true);
        commandLine.setUnmatchedOptionsArePositionalParams(true);
        return commandLine;
    }

    @Override
    public Integer call() {
        PluginContext context = new PluginContext(PluginConfiguration.forFactory(command.name()), environment.cache(), environment.home().root());
        return command.run(List.copyOf(arguments), environment.out(), environment.err(), context);
    }
}
