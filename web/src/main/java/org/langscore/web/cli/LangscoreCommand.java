package org.langscore.web.cli;

import org.langscore.spi.ScoringException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code langscore} command. Exit codes: 0 success, 2 usage error (with the usage
 * text), 1 failure with a one-line reason naming the file or value at fault.
 */
@Command(name = "langscore", mixinStandardHelpOptions = true, versionProvider = LangscoreVersion.class,
        description = "Measures how well language models predict human language behaviour.",
        subcommands = {ListCommand.class, ScoreCommand.class, SurprisalCommand.class,
                org.langscore.web.server.ServeCommand.class, org.langscore.web.server.WorkerCommand.class},
        synopsisSubcommandLabel = "COMMAND")
public final class LangscoreCommand implements Runnable {
    /** Exit code of a failure that is not a usage error. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a usage error. */
    public static final int EXIT_USAGE = 2;

    private final CliEnvironment environment;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-v", "--verbose"}, description = "Log plugin registrations and details.",
            scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    LangscoreCommand(CliEnvironment environment) {
        this.environment = environment;
    }

    CliEnvironment environment() {
        return environment;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** Plugin commands are looked up only when the first word is not a built-in command. */
    private static boolean needsPluginCommands(String[] args) {
        String first = RunMode.firstCommand(args);
        return !first.isEmpty() && !java.util.List.of("list", "score", "surprisal", "serve", "worker").contains(first)
                || java.util.Arrays.asList(args).contains("--help") || java.util.Arrays.asList(args).contains("-h");
    }

    /**
     * Parses and runs a command line.
     *
     * @return the exit code
     */
    public static int execute(CliEnvironment environment, String... args) {
        CommandLine commandLine = new CommandLine(new LangscoreCommand(environment));
        if (needsPluginCommands(args)) {
            environment.registry().commands().values().forEach(command ->
                    commandLine.addSubcommand(command.name(), PluginCommandRunner.subcommand(command, environment)));
        }
        commandLine.setOut(environment.out());
        commandLine.setErr(environment.err());
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            if (exception instanceof ScoringException scoring) {
                environment.err().println("langscore: error: " + scoring.getMessage());
                if (!scoring.code().isUserError() || failed.getCommandSpec().root().findOption("verbose") != null
                        && Boolean.TRUE.equals(parseResult.matchedOptionValue("verbose", false))) {
                    scoring.printStackTrace(environment.err());
                }
                environment.err().flush();
                return EXIT_FAILURE;
            }
            environment.err().println("langscore: internal error: " + exception);
            exception.printStackTrace(environment.err());
            environment.err().flush();
            return EXIT_FAILURE;
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            CommandLine failed = exception.getCommandLine();
            environment.err().println("langscore: " + exception.getMessage());
            failed.usage(environment.err());
            environment.err().flush();
            return EXIT_USAGE;
        });
        int code = commandLine.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }
}
