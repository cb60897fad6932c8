package org.langscore.web.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.langscore.runtime.LangscoreHome;

/** Runs the command line in-process with captured output, for tests. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path home, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(new LangscoreHome(home), new PrintWriter(out, true),
                new PrintWriter(err, true), false);
        int code = LangscoreCommand.execute(environment, args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
