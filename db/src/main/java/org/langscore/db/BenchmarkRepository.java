package org.langscore.db;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;

/** Reads and refreshes {@link BenchmarkEntity} rows. */
@ApplicationScoped
public class BenchmarkRepository implements PanacheRepositoryBase<BenchmarkEntity, Long> {

    /**
     * Inserts or refreshes the row of a benchmark version. Safe when several processes start at once:
     * the unique (identifier, version) constraint decides, and the last refresh wins.
     */
    @Transactional
    public void upsert(String identifier, int version, String parent, String description, double ceiling,
                       double ceilingUncertainty, String ceilingSource, String bibtex) {
        NativeQuery<?> query = getEntityManager().createNativeQuery("""
                INSERT INTO benchmarks (identifier, version, parent, description, ceiling, ceiling_uncertainty,
                                        ceiling_source, bibtex, updated_at)
                VALUES (:identifier, :version, :parent, :description, :ceiling, :ceilingUncertainty,
                        :ceilingSource, :bibtex, :now)
                ON CONFLICT ON CONSTRAINT benchmarks_identifier_version_unique DO UPDATE SET
                    parent = EXCLUDED.parent, description = EXCLUDED.description, ceiling = EXCLUDED.ceiling,
                    ceiling_uncertainty = EXCLUDED.ceiling_uncertainty, ceiling_source = EXCLUDED.ceiling_source,
                    bibtex = EXCLUDED.bibtex, updated_at = EXCLUDED.updated_at
                """).unwrap(NativeQuery.class);
        query.setParameter("identifier", identifier, String.class)
                .setParameter("version", version, Integer.class)
                .setParameter("parent", parent, String.class)
                .setParameter("description", description, String.class)
                .setParameter("ceiling", ceiling, Double.class)
                .setParameter("ceilingUncertainty", ceilingUncertainty, Double.class)
                .setParameter("ceilingSource", ceilingSource, String.class)
                .setParameter("bibtex", bibtex, String.class)
                .setParameter("now", Instant.now(), Instant.class)
                .executeUpdate();
    }

    /** @return every benchmark version, ordered by parent, identifier and version */
    public List<BenchmarkEntity> listOrdered() {
        return list("order by parent, identifier, version");
    }

    /** @return the highest version of each benchmark, ordered by parent and identifier */
    public List<BenchmarkEntity> listLatest() {
        return list("from BenchmarkEntity b where b.version = (select max(o.version) from BenchmarkEntity o"
                + " where o.identifier = b.identifier) order by b.parent, b.identifier");
    }

    /** @return the highest version of a benchmark, if it is known */
    public Optional<BenchmarkEntity> findLatest(String identifier) {
        return find("identifier = ?1 order by version desc", identifier).firstResultOptional();
    }
}
