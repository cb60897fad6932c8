package org.langscore.web.cli;

import java.util.ArrayList;
import java.util.List;

import org.langscore.registry.PluginRegistry;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** Resolves a {@code --benchmark} value: an exact id, else an id prefix group, else a parent name. */
final class BenchmarkSelection {
    private BenchmarkSelection() {
    }

    static List<BenchmarkFactory> select(PluginRegistry registry, String value) {
        BenchmarkFactory exact = registry.benchmarks().get(value);
        if (exact != null) {
            return List.of(exact);
        }
        List<BenchmarkFactory> group = new ArrayList<>();
        for (BenchmarkFactory factory : registry.benchmarks().values()) {
            if (factory.id().startsWith(value + "-")) {
                group.add(factory);
            }
        }
        if (group.isEmpty()) {
            for (BenchmarkFactory factory : registry.benchmarks().values()) {
                if (value.equals(factory.parent())) {
                    group.add(factory);
                }
            }
        }
        // A benchmark that another selected one computes as its sub-score (a suite of syntaxgym-2020) runs once.
        java.util.Set<String> included = new java.util.HashSet<>();
        group.forEach(factory -> included.addAll(factory.includes()));
        group.removeIf(factory -> included.contains(factory.id()));
        if (group.isEmpty()) {
            throw new ScoringException(ErrorCode.UNKNOWN_BENCHMARK, "unknown benchmark '" + value
                    + "' (no benchmark id, id group or parent of that name); run 'langscore list' to see them");
        }
        return group;
    }
}
