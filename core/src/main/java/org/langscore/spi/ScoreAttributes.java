package org.langscore.spi;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The names of a {@link Score}'s {@link Score#attributes() attributes}, in one place, so that every
 * benchmark, the evaluation path and the web pages use the same names.
 *
 * <p>One naming style: lower-case words joined by {@code '-'}, namespaces joined by {@code '.'}
 * ({@code data.source}, {@code scored-words}, {@code subject.model.weights}); see {@link #isWellFormed}.
 * One thing has one name: a benchmark records what it computed and from which data; the evaluation path
 * adds the subject's settings, each under {@link #SUBJECT} ({@code subject.chunk}), and the subject
 * factory; the command line adds {@link #LANGSCORE_VERSION} (the platform keeps the version in its own
 * column). A benchmark therefore never copies the subject's settings itself.
 */
public final class ScoreAttributes {
    /** The namespace of the subject's settings: {@code subject.<setting>}. */
    public static final String SUBJECT = "subject.";
    /** The id of the subject factory that made the subject. */
    public static final String SUBJECT_FACTORY = SUBJECT + "factory";
    /** The langscore version that computed the score (command line). */
    public static final String LANGSCORE_VERSION = "langscore.version";

    /** The task the subject performed. */
    public static final String TASK = "task";
    /** What the raw value measures. */
    public static final String METRIC = "metric";
    /** Where the data was published. */
    public static final String DATA_SOURCE = "data.source";
    /** Where the data was read from on this machine. */
    public static final String DATA_LOCATION = "data.location";
    /** The commit of the data's repository. */
    public static final String DATA_COMMIT = "data.commit";
    /** The SHA-256 of the data file. */
    public static final String DATA_SHA256 = "data.sha256";
    /** Where the ceiling comes from. */
    public static final String CEILING_SOURCE = "ceiling.source";
    /** A remark on the ceiling of a part. */
    public static final String CEILING_NOTE = "ceiling.note";

    /** Words in the data. */
    public static final String WORDS = "words";
    /** Words the metric used. */
    public static final String SCORED_WORDS = "scored-words";
    /** Sentences in the data. */
    public static final String SENTENCES = "sentences";
    /** Items in the data. */
    public static final String ITEMS = "items";
    /** The signed Pearson r behind a correlation score. */
    public static final String PEARSON_R = "pearson-r";
    /** The story a part score covers. */
    public static final String STORY = "story";
    /** The suite a score covers. */
    public static final String SUITE = "suite";
    /** The number of suites behind a score. */
    public static final String SUITES = "suites";
    /** The number of predictions of a suite. */
    public static final String PREDICTIONS = "predictions";
    /** How a region's value is computed. */
    public static final String REGION_VALUE = "region.value";
    /** How the texts were grouped into calls of the subject. */
    public static final String DIGEST_GROUPING = "digest-grouping";
    /** How many calls of the subject the evaluation made. */
    public static final String DIGEST_CALLS = "digest-calls";
    /** How many of those calls were restored from checkpoints. */
    public static final String RESUMED_CALLS = "resumed-calls";
    /** How the text is split into sentences. */
    public static final String SENTENCE_SEGMENTATION = "sentence-segmentation";
    /** What the subject's values are compared with. */
    public static final String TARGET = "target";

    private static final String WORD = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final Pattern NAME = Pattern.compile(WORD + "(\\." + WORD + ")*");

    private ScoreAttributes() {
    }

    /**
     * @param name an attribute name
     * @return whether it follows the one style: lower-case words joined by {@code '-'}, namespaces by {@code '.'}
     */
    public static boolean isWellFormed(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * The attributes that say which subject computed a score.
     *
     * @param factory the id of the subject factory
     * @param settings the subject's {@link Subject#settings() settings}
     * @return {@link #SUBJECT_FACTORY} and each setting under {@link #SUBJECT}, sorted by name (the factory
     *     wins over a setting named {@code factory}, which no subject has)
     */
    public static Map<String, String> ofSubject(String factory, Map<String, String> settings) {
        Map<String, String> attributes = new TreeMap<>();
        settings.forEach((key, value) -> attributes.put(SUBJECT + key, value));
        attributes.put(SUBJECT_FACTORY, factory);
        return attributes;
    }
}
