package org.langscore.futrell2018;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import org.langscore.metrics.CeilingNormalization;
import org.langscore.metrics.PearsonCorrelation;
import org.langscore.runtime.DatasetCache;
import org.langscore.spi.Benchmark;
import org.langscore.spi.Ceiling;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.EvaluationContext;
import org.langscore.spi.ItemTable;
import org.langscore.spi.PartResult;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.Score;
import org.langscore.spi.ScoreAttributes;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * Brain-Score's {@code Futrell2018-pearsonr}: the subject reads the Natural Stories words
 * ({@link Task#READING_TIMES}); the raw score is |Pearson r| between its surprisal and the mean
 * self-paced reading time over subjects, over the 9,775 words that are not sentence-initial; the
 * score is raw / ceiling clipped to [0, 1]. The ceiling is the subjects' split-half consistency when
 * the per-subject data are present, else the value Brain-Score publishes.
 *
 * <p>Brain-Score passes all ten stories as one text ({@link StoryGrouping#ALL_STORIES_ONE_CALL});
 * {@link StoryGrouping#ONE_CALL_PER_STORY} passes one story per call and adds per-story sub-scores.
 * Brain-Score correlates the signed r; this benchmark takes |r| as issue 5 specifies, and keeps the
 * signed value in the attribute {@code pearson-r}.
 */
public final class Futrell2018Benchmark implements Benchmark {
    /** The parent in Brain-Score's benchmark tree. */
    public static final String PARENT = "behavior";

    /** The version; a change of data or metric increments it. */
    public static final int VERSION = 1;

    /** Brain-Score's ceiling, for when the per-subject data are not available. */
    public static final Ceiling PUBLISHED_CEILING = new Ceiling(0.858, Double.NaN,
            "published: Brain-Score Language (brain-score/language @ 0e0bb4a2d8df5d3c30fe26ec4528f27a188e1cdc), "
                    + "split-half consistency of the 180 subjects of its Futrell2018 assembly (10 splits, "
                    + "Spearman-Brown, median), asserted as 0.858 +- 0.0005 by its benchmark test; not recomputed "
                    + "here because the per-subject reading times (naturalstories_RTS/processed_RTs.tsv) are absent");

    /** The BibTeX of the Natural Stories corpus paper that Brain-Score cites as Futrell2018. */
    public static final String BIBTEX = """
            @inproceedings{futrell2018natural,
              title = {The Natural Stories Corpus},
              author = {Futrell, Richard and Gibson, Edward and Tily, Harry J. and Blank, Idan and \
            Vishnevetsky, Anastasia and Piantadosi, Steven T. and Fedorenko, Evelina},
              booktitle = {Proceedings of the Eleventh International Conference on Language Resources and \
            Evaluation ({LREC} 2018)},
              year = {2018},
              address = {Miyazaki, Japan},
              publisher = {European Language Resources Association (ELRA)},
              url = {http://www.lrec-conf.org/proceedings/lrec2018/pdf/337.pdf}
            }
            """;

    private static final String STAGE = "Natural Stories";

    private final StoryGrouping grouping;
    private final Optional<Path> configuredDataDirectory;

    /**
     * @param grouping how the stories are handed to the subject
     * @param configuredDataDirectory the {@code data-dir} of the plugin configuration, if any; the run
     *     option {@code data-dir} takes precedence
     */
    public Futrell2018Benchmark(StoryGrouping grouping, Optional<Path> configuredDataDirectory) {
        this.grouping = Objects.requireNonNull(grouping, "grouping");
        this.configuredDataDirectory = Objects.requireNonNull(configuredDataDirectory, "configuredDataDirectory");
    }

    @Override
    public String identifier() {
        return grouping.identifier();
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public String parent() {
        return PARENT;
    }

    /**
     * Brain-Score's published ceiling, {@link #PUBLISHED_CEILING}: a constant, without I/O, for listings.
     * The ceiling a score was normalised by travels in the {@link Score} itself ({@link Score#ceiling()}
     * and the attribute {@code ceiling.source}): an evaluation that finds the per-subject reading times
     * computes the subjects' split-half consistency instead.
     */
    @Override
    public Optional<Ceiling> ceiling() {
        return Optional.of(PUBLISHED_CEILING);
    }

    @Override
    public String bibtex() {
        return BIBTEX;
    }

    @Override
    public String description() {
        return grouping.description();
    }

    @Override
    public void prepare(EvaluationContext context) {
        corpus(context, dataDirectory(context));
    }

    /** @return the run option {@code data-dir}, else the configured one; checked to be a directory */
    private Optional<Path> dataDirectory(EvaluationContext context) {
        Optional<Path> dataDirectory = Optional.ofNullable(context.options().get(Futrell2018BenchmarkFactory.DATA_DIR))
                .map(Path::of).or(() -> configuredDataDirectory);
        dataDirectory.ifPresent(Futrell2018BenchmarkFactory::checkDirectory);
        return dataDirectory;
    }

    /**
     * Loads and verifies the corpus. Nothing is kept between calls: a benchmark is immutable and may
     * serve several evaluations at once (prepare and evaluate each read the few hundred kilobytes).
     */
    private static NaturalStoriesCorpus corpus(EvaluationContext context, Optional<Path> dataDirectory) {
        return new NaturalStoriesLoader(new DatasetCache(context.cacheDirectory(), dataDirectory)).load();
    }

    @Override
    public Score evaluate(Subject subject, EvaluationContext context) {
        Optional<Path> dataDirectory = dataDirectory(context);
        context.checkCancelled();
        NaturalStoriesCorpus corpus = corpus(context, dataDirectory);
        Ceiling ceiling = ceilingFor(PerSubjectReadingTimes.locate(dataDirectory, context.cacheDirectory()), corpus);

        String checkpointPrefix = checkpointPrefix(subject);
        List<String> resumed = new ArrayList<>();
        double[] surprisal = readingTimes(subject, corpus, context, checkpointPrefix, resumed);

        List<StoryWord> words = corpus.words();
        Correlation overall = correlate(words, surprisal, subject);
        CeilingNormalization.Normalized normalized = CeilingNormalization.normalize(overall.raw(), ceiling.value());
        List<Score> subScores = new ArrayList<>();
        if (grouping == StoryGrouping.ONE_CALL_PER_STORY) {
            for (Map.Entry<Integer, List<StoryWord>> story : corpus.byStory().entrySet()) {
                subScores.add(storyScore(story.getKey(), story.getValue(), surprisal, subject, ceiling));
            }
        }

        Map<String, String> attributes = new TreeMap<>();
        attributes.put(ScoreAttributes.TASK, Task.READING_TIMES.name());
        attributes.put(ScoreAttributes.DIGEST_CALLS, Integer.toString(callsOf(corpus).size()));
        attributes.put(ScoreAttributes.DIGEST_GROUPING, switch (grouping) {
            case ALL_STORIES_ONE_CALL -> "all 10 stories as one digestText call of 10,256 words (Brain-Score's "
                    + "definition: later stories see earlier ones as context)";
            case ONE_CALL_PER_STORY -> "one digestText call per story (no story is context for another)";
        });
        attributes.put(ScoreAttributes.METRIC, "|Pearson r| between the subject's reading time (surprisal, bits) and "
                + "the mean self-paced reading time over subjects (ms), over words that are not sentence-initial");
        attributes.put(ScoreAttributes.PEARSON_R, Double.toString(overall.signedR()));
        attributes.put(ScoreAttributes.WORDS, Integer.toString(words.size()));
        attributes.put(ScoreAttributes.SCORED_WORDS, Integer.toString(overall.count()));
        attributes.put(ScoreAttributes.SENTENCES, Integer.toString(corpus.sentenceCount()));
        attributes.put(ScoreAttributes.SENTENCE_SEGMENTATION, "Brain-Score's rule: a word ending in . ? ! .' ?' !' ;' "
                + "ends a sentence unless it is Mr. or the next word starts lower-case; sentence-initial words excluded");
        attributes.put(ScoreAttributes.TARGET, "meanItemRT of naturalstories_RTS/processed_wordinfo.tsv at "
                + NaturalStoriesFiles.WORDINFO_2016_COMMIT + " (2016-05-18 release), the per-word mean of "
                + "Brain-Score's Futrell2018 data");
        attributes.put(ScoreAttributes.DATA_SOURCE, NaturalStoriesFiles.REPOSITORY + " (CC BY-NC-SA 4.0)");
        attributes.put(ScoreAttributes.DATA_LOCATION, dataDirectory.map(Path::toString)
                .orElse(context.cacheDirectory() + " (cache)"));
        attributes.put(ScoreAttributes.CEILING_SOURCE, ceiling.source());
        attributes.put(ScoreAttributes.RESUMED_CALLS, Integer.toString(resumed.size()));

        // The score is complete: its checkpoints are no longer needed.
        for (int c = 0; c < callsOf(corpus).size(); c++) {
            context.checkpoints().delete(checkpointPrefix + "/call-" + c);
        }

        return new Score(identifier(), VERSION, subject.identifier(), normalized.value(), normalized.unclipped(),
                overall.raw(), ceiling.value(), Double.NaN, subScores, List.of(wordTable(words, surprisal)),
                attributes);
    }

    private static Ceiling ceilingFor(Optional<Path> perSubjectFile, NaturalStoriesCorpus corpus) {
        if (perSubjectFile.isEmpty()) {
            return PUBLISHED_CEILING;
        }
        return PerSubjectReadingTimes.read(perSubjectFile.get(), corpus)
                .splitHalfCeiling(perSubjectFile.get().toString());
    }

    /** The words of each digestText call, in stimulus order. */
    private List<List<StoryWord>> callsOf(NaturalStoriesCorpus corpus) {
        return switch (grouping) {
            case ALL_STORIES_ONE_CALL -> List.of(corpus.words());
            case ONE_CALL_PER_STORY -> List.copyOf(corpus.byStory().values());
        };
    }

    /**
     * Runs the subject over the calls; returns the reading time of every word, by stimulus id - 1.
     * Each call's results are checkpointed, so that a run cut short resumes after the last finished call.
     */
    private double[] readingTimes(Subject subject, NaturalStoriesCorpus corpus, EvaluationContext context,
                                  String checkpointPrefix, List<String> usedCheckpoints) {
        int total = corpus.words().size();
        double[] surprisal = new double[total];
        Arrays.fill(surprisal, Double.NaN);
        subject.startBehavioralTask(Task.READING_TIMES);
        long done = 0;
        context.progress().onProgress(STAGE, done, total, "words");
        List<List<StoryWord>> calls = callsOf(corpus);
        for (int c = 0; c < calls.size(); c++) {
            List<StoryWord> call = calls.get(c);
            String key = checkpointPrefix + "/call-" + c;
            double[] values = context.checkpoints().load(key).map(CallCheckpoint::decode)
                    .filter(saved -> saved.length == call.size()).orElse(null);
            if (values != null) {
                usedCheckpoints.add(key);
            } else {
                context.checkCancelled();
                long earlier = done;
                // Words done within the call, on top of the earlier calls' words.
                ProgressListener withinCall = (stage, partsDone, parts, unit) -> context.progress().onProgress(
                        STAGE, earlier + Math.max(0, Math.min(partsDone, call.size())), total, "words");
                values = digest(subject, call, withinCall);
                context.checkpoints().save(key, CallCheckpoint.encode(values));
            }
            for (int i = 0; i < call.size(); i++) {
                surprisal[call.get(i).stimulusId() - 1] = values[i];
            }
            done += call.size();
            context.progress().onProgress(STAGE, done, total, "words");
        }
        context.checkCancelled();
        return surprisal;
    }

    private static double[] digest(Subject subject, List<StoryWord> call, ProgressListener progress) {
        List<String> parts = call.stream().map(StoryWord::word).toList();
        List<PartResult> results = subject.digestText(parts, progress);
        if (results == null || results.size() != parts.size()) {
            throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier()
                    + " returned " + (results == null ? "no" : Integer.toString(results.size()))
                    + " results for a text of " + parts.size() + " words (story " + call.get(0).story() + ")");
        }
        double[] values = new double[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            values[i] = results.get(i).readingTime();
        }
        return values;
    }

    /** The checkpoint key of everything the reading times depend on: benchmark, data, subject and its settings. */
    private String checkpointPrefix(Subject subject) {
        return identifier() + "/v" + VERSION + "/words-" + NaturalStoriesFiles.STORY_WORDS.sha256() + "/subject-"
                + subject.identifier() + "/" + new TreeMap<>(subject.settings());
    }

    /** |r|, r and the number of words of a correlation over the words that are not sentence-initial. */
    private record Correlation(double raw, double signedR, int count) {
    }

    private static Correlation correlate(List<StoryWord> words, double[] surprisal, Subject subject) {
        double[] x = new double[words.size()];
        double[] y = new double[words.size()];
        int n = 0;
        for (StoryWord word : words) {
            if (word.sentenceInitial()) {
                continue;
            }
            double value = surprisal[word.stimulusId() - 1];
            if (!Double.isFinite(value)) {
                throw new ScoringException(ErrorCode.COMPUTATION_FAILED, "subject " + subject.identifier()
                        + " gave reading time " + value + " for the scored word '" + word.word() + "' (story "
                        + word.story() + ", word " + word.zone() + "); only sentence-initial words may lack a value");
            }
            x[n] = value;
            y[n] = word.meanReadingTime();
            n++;
        }
        double r = PearsonCorrelation.of(Arrays.copyOf(x, n), Arrays.copyOf(y, n));
        return new Correlation(Math.abs(r), r, n);
    }

    private Score storyScore(int story, List<StoryWord> words, double[] surprisal, Subject subject, Ceiling ceiling) {
        Correlation correlation = correlate(words, surprisal, subject);
        CeilingNormalization.Normalized normalized = CeilingNormalization.normalize(correlation.raw(), ceiling.value());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(ScoreAttributes.STORY, Integer.toString(story));
        attributes.put(ScoreAttributes.PEARSON_R, Double.toString(correlation.signedR()));
        attributes.put(ScoreAttributes.WORDS, Integer.toString(words.size()));
        attributes.put(ScoreAttributes.SCORED_WORDS, Integer.toString(correlation.count()));
        attributes.put(ScoreAttributes.CEILING_NOTE, "the corpus-wide ceiling; no per-story ceiling is published");
        return new Score(identifier() + "/story-" + story, VERSION, subject.identifier(), normalized.value(),
                normalized.unclipped(), correlation.raw(), ceiling.value(), Double.NaN, List.of(), List.of(),
                attributes);
    }

    private static ItemTable wordTable(List<StoryWord> words, double[] surprisal) {
        List<List<Object>> rows = new ArrayList<>(words.size());
        for (StoryWord word : words) {
            double value = surprisal[word.stimulusId() - 1];
            rows.add(Arrays.asList(word.stimulusId(), word.story(), word.zone(), word.word(), word.sentenceId(),
                    word.wordWithinSentence(), word.sentenceInitial(), Double.isFinite(value) ? value : null,
                    word.meanReadingTime(), word.readers()));
        }
        return new ItemTable("word", List.of("stimulus_id", "story", "zone", "word", "sentence_id",
                "word_within_sentence", "sentence_initial", "surprisal_bits", "mean_rt_ms", "readers"), rows);
    }
}
