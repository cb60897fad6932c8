package org.langscore.db;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A benchmark as registered by a plugin, one row per (identifier, version). Rows are refreshed from
 * the plugin registry when a server or worker starts.
 */
@Entity
@Table(name = "benchmarks")
public class BenchmarkEntity extends PanacheEntityBase {
    /** Database id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The benchmark identifier (Brain-Score's where one exists). */
    @Column(nullable = false)
    public String identifier;

    /** The benchmark version. */
    @Column(nullable = false)
    public int version;

    /** The parent in the benchmark tree ("behavior", "engineering"). */
    @Column(nullable = false)
    public String parent;

    /** A one-line description. */
    public String description;

    /** The ceiling in raw-score units, NaN when the benchmark has none. */
    @Column(nullable = false)
    public double ceiling = Double.NaN;

    /** The ceiling's uncertainty, NaN when unknown. */
    @Column(name = "ceiling_uncertainty", nullable = false)
    public double ceilingUncertainty = Double.NaN;

    /** Where the ceiling comes from. */
    @Column(name = "ceiling_source")
    public String ceilingSource;

    /** The BibTeX of the publications behind the benchmark. */
    public String bibtex;

    /** When the row was last refreshed. */
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
