package org.langscore.db;

import java.util.List;
import java.util.Optional;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads and writes {@link ModelEntity} rows. */
@ApplicationScoped
public class ModelRepository implements PanacheRepositoryBase<ModelEntity, Long> {

    /** @return the model registered under the identifier, if any */
    public Optional<ModelEntity> findByIdentifier(String identifier) {
        return find("identifier", identifier).firstResultOptional();
    }

    /** @return every model, ordered by identifier */
    public List<ModelEntity> listOrdered() {
        return list("order by identifier");
    }

    /** @return one page of {@link #listOrdered()} */
    public List<ModelEntity> listOrdered(int offset, int limit) {
        return findAll(io.quarkus.panache.common.Sort.by("identifier")).range(offset, offset + limit - 1).list();
    }
}
