package org.langscore.huggingface.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of a tool command, read the one way every tool reads them: {@code --name value} pairs in
 * order, until {@code --help} (or {@code -h}) stands where a name is expected, or a last name has no value.
 * The command handles the pairs in order, then {@link #stop}: so a bad option before {@code --help} is
 * still reported first.
 *
 * @param options the {@code --name value} pairs before the end
 * @param help whether the arguments end with a request for help
 * @param missingValue the last option, when it has no value; otherwise null
 */
record ToolArguments(List<Option> options, boolean help, String missingValue) {

    /**
     * One option and its value.
     *
     * @param name the option as written ({@code --model})
     * @param value the argument after it
     */
    record Option(String name, String value) {
    }

    /** @return the arguments as pairs */
    static ToolArguments of(List<String> arguments) {
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("--help") || argument.equals("-h")) {
                return new ToolArguments(options, true, null);
            }
            if (i + 1 >= arguments.size()) {
                return new ToolArguments(options, false, argument);
            }
            options.add(new Option(argument, arguments.get(++i)));
        }
        return new ToolArguments(options, false, null);
    }

    /**
     * How the arguments end, once every pair was handled: the usage line on {@code out} and 0 after
     * {@code --help}, a usage error after an option without a value, or nothing.
     *
     * @param command the command's name
     * @param usage the command's usage line
     * @return the exit code to stop with, or null to go on
     */
    Integer stop(PrintWriter out, PrintWriter err, String command, String usage) {
        if (help) {
            out.println(usage);
            return 0;
        }
        if (missingValue != null) {
            return usage(err, command, usage, "option " + missingValue + " needs a value");
        }
        return null;
    }

    /**
     * Reports a usage error: {@code langscore <command>: <message>} and the usage line on {@code err}.
     *
     * @return 2, the exit code of a usage error
     */
    static int usage(PrintWriter err, String command, String usage, String message) {
        err.println("langscore " + command + ": " + message);
        err.println(usage);
        err.flush();
        return 2;
    }
}
