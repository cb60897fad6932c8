package org.langscore.syntaxgym.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The 33 SyntaxGym suites of Hu et al. (2020), pinned to commit {@value #COMMIT} of
 * {@code cpllab/syntactic-generalization} (MIT licence), with their checksums. The list is the
 * resource {@code suites.tsv} beside this class.
 */
public final class SuiteCatalog {
    /** The commit of {@code cpllab/syntactic-generalization} (branch nextflow, 2020-08-12) the files come from. */
    public static final String COMMIT = "2f42038477a9f03ab66f308a963ed49864cd8111";
    /** The repository root at that commit, from which {@code test_suites/json/<suite>.json} is downloaded. */
    public static final URI DEFAULT_SOURCE =
            URI.create("https://raw.githubusercontent.com/cpllab/syntactic-generalization/" + COMMIT + "/");

    private static final List<SuiteFile> SUITES = read();

    private SuiteCatalog() {
    }

    /** @return all 33 suites, sorted by name */
    public static List<SuiteFile> all() {
        return SUITES;
    }

    /** @return the 31 suites Brain-Score's {@code syntaxgym-2020} uses (all but fgd-embed3 and fgd-embed4), by name */
    public static List<SuiteFile> brainScore2020() {
        return SUITES.stream().filter(SuiteFile::inBrainScore2020).toList();
    }

    /** @return the suite of that name, if catalogued */
    public static Optional<SuiteFile> named(String name) {
        return SUITES.stream().filter(suite -> suite.name().equals(name)).findFirst();
    }

    private static List<SuiteFile> read() {
        List<SuiteFile> suites = new ArrayList<>();
        try (InputStream in = SuiteCatalog.class.getResourceAsStream("suites.tsv")) {
            if (in == null) {
                throw new IllegalStateException("resource suites.tsv is missing beside " + SuiteCatalog.class.getName());
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length != 3 || !(cells[2].equals("yes") || cells[2].equals("no"))) {
                    throw new IllegalStateException("malformed line in suites.tsv: " + line);
                }
                suites.add(new SuiteFile(cells[0], cells[1], cells[2].equals("yes")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read suites.tsv", e);
        }
        return List.copyOf(suites);
    }
}
