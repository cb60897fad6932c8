package org.langscore.web.cli;

import java.io.PrintWriter;

import io.quarkus.runtime.QuarkusApplication;

/** Runs the command line inside the started host and returns its exit code. */
public final class LangscoreApplication implements QuarkusApplication {

    @Override
    public int run(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return LangscoreCommand.execute(CliEnvironment.fromSystem(out, err), args);
    }
}
