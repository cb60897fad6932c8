package org.langscore.db;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A registered model. It is declarative: a path under a configured root or a Hub repository id
 * with its revision; no code from a submission ever runs.
 */
@Entity
@Table(name = "models")
public class ModelEntity extends PanacheEntityBase {
    /** Database id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Unique name shown in listings and the leaderboard. */
    @Column(nullable = false, unique = true)
    public String identifier;

    /** Local path or Hub repository. */
    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind", nullable = false)
    public ModelSourceKind sourceKind;

    /** The absolute real path (LOCAL) or the repository id (HUB). */
    @Column(nullable = false)
    public String source;

    /** The Hub revision (commit, branch or tag) for HUB models; null for LOCAL ones. */
    public String revision;

    /** The architecture family, if known ("gpt2", "llama"). */
    public String architecture;

    /** The number of parameters, if known. */
    @Column(name = "parameter_count")
    public Long parameterCount;

    /** The weight data type, if known ("float32"). */
    public String dtype;

    /** Who registered the model. */
    public String submitter;

    /** Whether the model appears on the public leaderboard. */
    @Column(name = "public_model", nullable = false)
    public boolean publicModel = true;

    /** Free-form metadata as a JSON object. */
    @Column(columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String metadata = "{}";

    /** When the model was registered. */
    @Column(name = "registered_at", nullable = false)
    public Instant registeredAt;

    /** @return the reference handed to the subject plugins: the path, or {@code <repository>@<revision>} */
    public String reference() {
        return sourceKind == ModelSourceKind.HUB && revision != null ? source + "@" + revision : source;
    }
}
