package org.langscore.futrell2018;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;

/**
 * Makes a {@link Futrell2018Benchmark} for one {@link StoryGrouping}. Configuration keys:
 * {@value #DATA_DIR} (optional): a folder holding {@code naturalstories/all_stories.tok} and
 * {@code naturalstories/processed_wordinfo_2016-05-18.tsv}, used instead of downloading.
 */
public final class Futrell2018BenchmarkFactory implements BenchmarkFactory {
    /** The configuration key and run option that point at a local copy of the data. */
    public static final String DATA_DIR = "data-dir";

    private static final Set<String> KNOWN_KEYS = Set.of(DATA_DIR);

    private final StoryGrouping grouping;

    /** @param grouping how the stories are handed to the subject */
    public Futrell2018BenchmarkFactory(StoryGrouping grouping) {
        this.grouping = Objects.requireNonNull(grouping, "grouping");
    }

    @Override
    public String id() {
        return grouping.identifier();
    }

    @Override
    public String description() {
        return grouping.description();
    }

    @Override
    public String parent() {
        return Futrell2018Benchmark.PARENT;
    }

    /** @return for the per-story grouping, {@code Futrell2018-pearsonr}: the story split is langscore's own */
    @Override
    public Optional<String> variantOf() {
        return switch (grouping) {
            case ALL_STORIES_ONE_CALL -> Optional.empty();
            case ONE_CALL_PER_STORY -> Optional.of(StoryGrouping.ALL_STORIES_ONE_CALL.identifier());
        };
    }

    @Override
    public Benchmark create(PluginContext context) {
        for (String key : context.config().keySet()) {
            if (!KNOWN_KEYS.contains(key)) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "unknown configuration key '" + key
                        + "' for benchmark " + id() + "; known keys: " + KNOWN_KEYS);
            }
        }
        Optional<Path> dataDirectory = Optional.ofNullable(context.config(DATA_DIR, null)).map(Path::of);
        dataDirectory.ifPresent(Futrell2018BenchmarkFactory::checkDirectory);
        return new Futrell2018Benchmark(grouping, dataDirectory);
    }

    static void checkDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, DATA_DIR + " " + directory
                    + " is not a directory (it should hold naturalstories/all_stories.tok)");
        }
    }
}
