package org.langscore.web.fake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.langscore.spi.Benchmark;
import org.langscore.spi.Ceiling;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.PartResult;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A small benchmark over two fixed sentences (12 words). The raw value is the mean surprisal divided
 * by 100, so that a subject with b bits per letter has raw = b x 63 letters / 12 words / 100
 * = 0.0525 b. With a ceiling it is normalised and clipped; the per-word surprisal is the
 * per-item data. One made with its data missing fails in {@link #prepare} (and in evaluate) with
 * FILE_NOT_FOUND.
 */
final class FakeReadingBenchmark implements Benchmark {
    static final List<List<String>> TEXTS = List.of(
            Arrays.asList("The", "old", "man", "the", "boats", "slowly"),
            Arrays.asList("Colorless", "green", "ideas", "sleep", "furiously", "tonight"));
    static final int WORDS = 12;

    private final String identifier;
    private final String parent;
    private final Double ceiling;
    private final boolean dataMissing;

    FakeReadingBenchmark(String identifier, String parent, Double ceiling, boolean dataMissing) {
        this.identifier = identifier;
        this.parent = parent;
        this.ceiling = ceiling;
        this.dataMissing = dataMissing;
    }

    /** Fails as a benchmark whose data file is missing, when this one is made so. */
    @Override
    public void prepare(EvaluationContext context) {
        checkData();
    }

    private void checkData() {
        if (dataMissing) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "the data file of " + identifier
                    + " (fake-data.csv) is missing");
        }
    }

    @Override
    public String identifier() {
        return identifier;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String parent() {
        return parent;
    }

    @Override
    public Optional<Ceiling> ceiling() {
        return ceiling == null ? Optional.empty() : Optional.of(new Ceiling(ceiling, Double.NaN, "fixed for tests"));
    }

    @Override
    public String bibtex() {
        return "@misc{fake, title={A fake benchmark}}";
    }

    @Override
    public String description() {
        return "a fake reading benchmark for the platform's tests";
    }

    @Override
    public Score evaluate(Subject subject, EvaluationContext context) {
        checkData();
        subject.startBehavioralTask(Task.READING_TIMES);
        List<List<Object>> rows = new ArrayList<>();
        double sum = 0;
        int done = 0;
        for (int text = 0; text < TEXTS.size(); text++) {
            context.checkCancelled();
            List<PartResult> results = subject.digestText(TEXTS.get(text));
            for (int i = 0; i < results.size(); i++) {
                PartResult result = results.get(i);
                rows.add(List.of(text, i, result.part(), result.readingTime()));
                sum += result.readingTime();
            }
            done += results.size();
            context.progress().onProgress("fake texts", done, WORDS, "words");
        }
        double raw = sum / WORDS / 100;
        double normalised = ceiling == null ? raw : raw / ceiling;
        double clipped = Math.max(0, Math.min(1, normalised));
        ItemTable words = new ItemTable("word", List.of("text", "position", "word", "surprisal"), rows);
        return new Score(identifier, version(), subject.identifier(), clipped, normalised, raw,
                ceiling == null ? Double.NaN : ceiling, Double.NaN, List.of(), List.of(words),
                Map.of(ScoreAttributes.METRIC, "mean surprisal (bits) / 100"));
    }
}
