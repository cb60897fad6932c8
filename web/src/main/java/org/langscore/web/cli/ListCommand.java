package org.langscore.web.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.langscore.registry.PluginRegistry;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.SubjectFactory;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code langscore list}: the registered subjects and benchmarks with one-line descriptions. */
@Command(name = "list", description = "List the registered subjects and benchmarks.", mixinStandardHelpOptions = true)
final class ListCommand implements Runnable {

    @ParentCommand
    LangscoreCommand parent;

    @Override
    public void run() {
        CliEnvironment environment = parent.environment();
        PluginRegistry registry = environment.registry();
        PrintWriter out = environment.out();
        out.println("Subjects (--model):");
        if (registry.subjects().isEmpty()) {
            out.println("  (none)");
        }
        for (Map.Entry<String, SubjectFactory> entry : registry.subjects().entrySet()) {
            out.printf("  %-28s %s%n", entry.getKey(), entry.getValue().description());
        }
        out.println();
        out.println("Benchmarks (--benchmark):");
        if (registry.benchmarks().isEmpty()) {
            out.println("  (none)");
        }
        for (Map.Entry<String, BenchmarkFactory> entry : registry.benchmarks().entrySet()) {
            out.printf("  %-28s %-12s %s%n", entry.getKey(), entry.getValue().parent(), entry.getValue().description());
        }
        if (!registry.problems().isEmpty()) {
            out.println();
            out.println("Skipped plugins:");
            registry.problems().forEach(problem -> out.println("  " + problem));
        }
        out.flush();
    }
}
