package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Plugin;
import org.langscore.syntaxgym.suite.SuiteCatalog;
import org.langscore.syntaxgym.suite.SuiteFile;

/**
 * The SyntaxGym plugin: one {@code syntaxgym-<suite>} benchmark per suite of Hu et al. (2020), 33 in
 * all, and the {@code syntaxgym-2020} aggregate of the 31 that Brain-Score uses.
 */
public final class SyntaxGymPlugin implements Plugin {

    @Override
    public String name() {
        return "syntaxgym";
    }

    @Override
    public List<BenchmarkFactory> benchmarkFactories() {
        List<BenchmarkFactory> factories = new ArrayList<>();
        for (SuiteFile file : SuiteCatalog.all()) {
            factories.add(new SuiteBenchmarkFactory(file));
        }
        factories.add(new SyntaxGym2020BenchmarkFactory());
        return List.copyOf(factories);
    }
}
