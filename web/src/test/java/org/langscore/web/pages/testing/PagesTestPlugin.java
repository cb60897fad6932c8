package org.langscore.web.pages.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.langscore.metrics.PearsonCorrelation;
import org.langscore.spi.Benchmark;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Ceiling;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginContext;
import org.langscore.spi.Score;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;
import org.langscore.spi.Task;
import org.langscore.testing.FixedOutputSubject;

/**
 * The pages' test plugin. Its subject reads folders holding {@link #MARKER} and gives each word a
 * surprisal of its length in bits, waiting {@link #MILLIS_PER_WORD} per word so that a browser can
 * watch the job run. Its benchmark, {@code pages-reading} (behaviour, ceiling 0.9), reads
 * {@link #WORDS} words and correlates their surprisal with made-up reading times; it keeps a
 * {@code word} table with {@code surprisal_bits} and {@code mean_rt_ms}, as Futrell2018 does.
 */
public final class PagesTestPlugin implements Plugin {
    /** The file that marks a model folder of the test subject. */
    public static final String MARKER = "pages-test-model.properties";
    /** The benchmark's identifier. */
    public static final String BENCHMARK = "pages-reading";
    /** How many words the benchmark reads. */
    public static final int WORDS = 40;
    /** The subject's delay per word. */
    public static final long MILLIS_PER_WORD = 100;

    private static final List<String> TEXT = Arrays.asList(("The old man the boats while colorless green ideas sleep"
            + " furiously under a quiet sky and the reader who reads slowly remembers every unexpected word that"
            + " the story offers before the night falls over the small harbour town where nothing ever happens").split(" "));

    /** Writes a model folder the test subject accepts. */
    public static Path writeModel(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(MARKER), "kind=pages-test\n");
        return folder;
    }

    /** @return the made-up mean reading time of word i (ms) */
    public static double readingTime(int i, String word) {
        return 220 + 12 * word.length() + (i * 37 % 29);
    }

    @Override
    public List<SubjectFactory> subjectFactories() {
        return List.of(new SubjectFactory() {
            @Override
            public String id() {
                return "pages-test-subject";
            }

            @Override
            public String description() {
                return "the pages' test subject: surprisal = word length in bits, slowly";
            }

            @Override
            public boolean supports(String modelReference) {
                try {
                    return Files.isRegularFile(Path.of(modelReference).resolve(MARKER));
                } catch (InvalidPathException e) {
                    return false;
                }
            }

            @Override
            public Subject create(String modelReference, Map<String, String> options, PluginContext context) {
                return new FixedOutputSubject(Path.of(modelReference).getFileName().toString(), String::length)
                        .waitingPerPart(MILLIS_PER_WORD)
                        .withSettings(Map.of("millis-per-word", Long.toString(MILLIS_PER_WORD)));
            }
        });
    }

    @Override
    public List<BenchmarkFactory> benchmarkFactories() {
        return List.of(new BenchmarkFactory() {
            @Override
            public String id() {
                return BENCHMARK;
            }

            @Override
            public String description() {
                return "the pages' test benchmark: surprisal against made-up reading times";
            }

            @Override
            public String parent() {
                return "behavior";
            }

            @Override
            public Benchmark create(PluginContext context) {
                return new ReadingBenchmark();
            }
        });
    }

    /** Reads the words one by one, reporting progress, and correlates surprisal with reading time. */
    private static final class ReadingBenchmark implements Benchmark {
        private static final Ceiling CEILING = new Ceiling(0.9, Double.NaN, "fixed for the pages' tests");

        @Override
        public String identifier() {
            return BENCHMARK;
        }

        @Override
        public int version() {
            return 1;
        }

        @Override
        public String parent() {
            return "behavior";
        }

        @Override
        public Optional<Ceiling> ceiling() {
            return Optional.of(CEILING);
        }

        @Override
        public String bibtex() {
            return "@misc{pages, title={A test benchmark of the pages}}";
        }

        @Override
        public String description() {
            return "the pages' test benchmark: surprisal against made-up reading times";
        }

        @Override
        public Score evaluate(Subject subject, EvaluationContext context) {
            subject.startBehavioralTask(Task.READING_TIMES);
            double[] surprisal = new double[WORDS];
            double[] times = new double[WORDS];
            List<List<Object>> rows = new ArrayList<>();
            for (int i = 0; i < WORDS; i++) {
                context.checkCancelled();
                String word = TEXT.get(i % TEXT.size());
                surprisal[i] = subject.digestText(List.of(word)).get(0).readingTime();
                times[i] = readingTime(i, word);
                rows.add(List.of(word, surprisal[i], times[i]));
                context.progress().onProgress("reading", i + 1, WORDS, "words");
            }
            double raw = PearsonCorrelation.of(surprisal, times);
            double normalized = raw / CEILING.value();
            return new Score(BENCHMARK, 1, subject.identifier(), Math.max(0, Math.min(1, normalized)), normalized, raw,
                    CEILING.value(), Double.NaN, List.of(), List.of(new ItemTable("word",
                    List.of("word", "surprisal_bits", "mean_rt_ms"), rows)), Map.of("metric", "pearson r"));
        }
    }
}
