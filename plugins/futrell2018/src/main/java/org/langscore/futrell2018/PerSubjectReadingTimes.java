package org.langscore.futrell2018;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.langscore.metrics.SplitHalfConsistency;
import org.langscore.spi.Ceiling;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The per-subject self-paced reading times ({@code naturalstories_RTS/processed_RTs.tsv}, columns
 * {@code WorkerId, item, zone, RT, ...}) as a subject x word matrix, and the split-half ceiling computed
 * from them. The file is large (about 96 MB) and is never downloaded automatically; it is used when it
 * lies in the data directory or the cache.
 *
 * @param subjects the subject ids, in first-seen order
 * @param readingTimes {@code readingTimes[subject][stimulusId - 1]} in ms, NaN where the subject has no value
 */
public record PerSubjectReadingTimes(List<String> subjects, double[][] readingTimes) {
    /** How many random splits of the subjects the ceiling takes the median over (Brain-Score: 10). */
    public static final int SPLITS = 10;

    /** The seed of the subject splits. */
    public static final long SEED = 0;

    public PerSubjectReadingTimes {
        subjects = List.copyOf(subjects);
        if (subjects.size() != readingTimes.length) {
            throw new IllegalArgumentException(subjects.size() + " subjects but " + readingTimes.length + " rows");
        }
    }

    /**
     * Finds the per-subject file below the data directory (when given) or the cache.
     *
     * @return the verified file, or empty when there is none
     * @throws ScoringException when a file is there but is not the pinned one
     */
    public static Optional<Path> locate(Optional<Path> dataDirectory, Path cacheDirectory) {
        Path candidate = dataDirectory.orElse(cacheDirectory).resolve(NaturalStoriesFiles.PER_SUBJECT_RELATIVE_PATH);
        if (!Files.isRegularFile(candidate)) {
            return Optional.empty();
        }
        String blob = gitBlobId(candidate);
        if (!blob.equals(NaturalStoriesFiles.PER_SUBJECT_GIT_BLOB)) {
            throw new ScoringException(ErrorCode.DATASET_CHECKSUM_MISMATCH, "per-subject data file " + candidate
                    + " has git blob id " + blob + " but naturalstories_RTS/processed_RTs.tsv at "
                    + NaturalStoriesFiles.WORDS_COMMIT + " has " + NaturalStoriesFiles.PER_SUBJECT_GIT_BLOB
                    + " (truncated or altered; replace or delete it)");
        }
        return Optional.of(candidate);
    }

    /** @return the git blob id (SHA-1 of {@code "blob <size>\0"} and the bytes) of a file */
    static String gitBlobId(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + Files.size(file) + "\0").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[1 << 16];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                sha1.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read per-subject data file " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "SHA-1 is missing from this JDK", e);
        }
    }

    /**
     * Reads the per-subject file. A subject's repeated readings of one word are averaged.
     *
     * @throws ScoringException naming the file and line of a malformed or unknown row
     */
    public static PerSubjectReadingTimes read(Path file, NaturalStoriesCorpus corpus) {
        Map<String, Integer> wordIndex = new HashMap<>();
        for (StoryWord word : corpus.words()) {
            wordIndex.put(word.story() + ":" + word.zone(), word.stimulusId() - 1);
        }
        int words = corpus.words().size();
        Map<String, double[][]> sums = new LinkedHashMap<>();
        TabSeparatedFile.read(file, "per-subject data file " + file, columns -> {
            int subjectColumn = column(columns, "WorkerId", file);
            int itemColumn = column(columns, "item", file);
            int zoneColumn = column(columns, "zone", file);
            int rtColumn = column(columns, "RT", file);
            return (cells, lineNumber) -> {
                Integer index = wordIndex.get(cells[itemColumn] + ":" + cells[zoneColumn]);
                if (index == null) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + lineNumber + ": item "
                            + cells[itemColumn] + " zone " + cells[zoneColumn] + " is not a word of all_stories.tok");
                }
                double rt;
                try {
                    rt = Double.parseDouble(cells[rtColumn]);
                } catch (NumberFormatException e) {
                    throw new ScoringException(ErrorCode.INVALID_DATA, file + " line " + lineNumber + ": RT '"
                            + cells[rtColumn] + "' is not a number", e);
                }
                double[][] subject = sums.computeIfAbsent(cells[subjectColumn], k -> new double[2][words]);
                subject[0][index] += rt;
                subject[1][index] += 1;
            };
        });
        double[][] matrix = new double[sums.size()][];
        int s = 0;
        for (double[][] subject : sums.values()) {
            double[] row = new double[words];
            for (int i = 0; i < words; i++) {
                row[i] = subject[1][i] == 0 ? Double.NaN : subject[0][i] / subject[1][i];
            }
            matrix[s++] = row;
        }
        return new PerSubjectReadingTimes(List.copyOf(sums.keySet()), matrix);
    }

    private static int column(List<String> columns, String name, Path file) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new ScoringException(ErrorCode.INVALID_DATA, file + " has no column '" + name + "' (columns: "
                    + columns + ")");
        }
        return index;
    }

    /**
     * The split-half consistency of the subjects over all words: {@value #SPLITS} random halvings,
     * Pearson r of the halves' per-word means, Spearman-Brown corrected, median.
     */
    public Ceiling splitHalfCeiling(String sourceDescription) {
        SplitHalfConsistency.Result result = SplitHalfConsistency.compute(readingTimes, SPLITS, SEED);
        double spread = Arrays.stream(result.splits()).max().orElse(Double.NaN)
                - Arrays.stream(result.splits()).min().orElse(Double.NaN);
        return new Ceiling(result.median(), spread / 2, "split-half consistency of " + subjects.size()
                + " subjects (" + SPLITS + " splits, Spearman-Brown corrected, median; uncertainty = half the range"
                + " over splits) computed from " + sourceDescription);
    }
}
