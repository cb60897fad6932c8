package org.langscore.web.pages;

import java.util.List;
import java.util.Objects;

/** The rows the leaderboard is computed from, read from the database and freed from JPA. */
public final class BoardInput {
    private BoardInput() {
    }

    /**
     * A registered model.
     *
     * @param id the database id
     * @param identifier the unique name
     * @param architecture the architecture family, or null when unknown
     * @param parameterCount the parameter count, or null when unknown
     */
    public record Model(long id, String identifier, String architecture, Long parameterCount) {
        public Model {
            Objects.requireNonNull(identifier, "identifier");
        }
    }

    /**
     * The latest version of a registered benchmark.
     *
     * @param identifier the benchmark identifier
     * @param version its version
     * @param parent its parent in the benchmark tree ("behavior", "engineering")
     * @param ceiling its ceiling in raw units, NaN when none
     * @param description a one-line description, or null
     */
    public record Benchmark(String identifier, int version, String parent, double ceiling, String description) {
        public Benchmark {
            Objects.requireNonNull(identifier, "identifier");
            Objects.requireNonNull(parent, "parent");
        }
    }

    /**
     * A successful score.
     *
     * @param id the score's database id
     * @param modelId the model's database id
     * @param benchmark the benchmark identifier
     * @param version the benchmark version
     * @param policy the context policy
     * @param value the ceiling-normalised value clipped to [0, 1]
     * @param raw the raw value
     * @param parts the sub-scores (per suite), possibly empty
     */
    public record Score(long id, long modelId, String benchmark, int version, String policy, double value, double raw,
                        List<Part> parts) {
        public Score {
            Objects.requireNonNull(benchmark, "benchmark");
            Objects.requireNonNull(policy, "policy");
            parts = List.copyOf(parts);
        }
    }

    /**
     * A sub-score of a score.
     *
     * @param benchmark the part's identifier ("syntaxgym-mvrr")
     * @param value its normalised value
     * @param raw its raw value
     */
    public record Part(String benchmark, double value, double raw) {
        public Part {
            Objects.requireNonNull(benchmark, "benchmark");
        }
    }
}
