package org.langscore.db;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

/**
 * One per-item table of a score (per-word surprisal and target, per-region values), kept so that the
 * score can be downloaded and re-analysed without recomputing.
 */
@Entity
@Table(name = "score_items")
public class ScoreItemsEntity extends PanacheEntityBase {
    /** Database id. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The score the table belongs to. */
    @Column(name = "score_id", nullable = false)
    public long scoreId;

    /** What one row is ("word", "region"); unique within the score. */
    @Column(nullable = false)
    public String name;

    /** The column names as a JSON array of strings. */
    @Column(name = "item_columns", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String columns;

    /** The rows as a JSON array of arrays (strings, numbers, booleans or null). */
    @Column(name = "item_rows", columnDefinition = "jsonb", nullable = false)
    @ColumnTransformer(write = "?::jsonb")
    public String rows;
}
