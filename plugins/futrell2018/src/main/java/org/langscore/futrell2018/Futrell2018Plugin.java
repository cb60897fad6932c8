package org.langscore.futrell2018;

import java.util.Arrays;
import java.util.List;

import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Plugin;

/** Contributes {@code Futrell2018-pearsonr} and {@code Futrell2018-pearsonr-story}. */
public final class Futrell2018Plugin implements Plugin {
    @Override
    public String name() {
        return "futrell2018";
    }

    @Override
    public List<BenchmarkFactory> benchmarkFactories() {
        return Arrays.stream(StoryGrouping.values()).<BenchmarkFactory>map(Futrell2018BenchmarkFactory::new).toList();
    }
}
