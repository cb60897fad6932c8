package org.langscore.syntaxgym.suite;

import java.util.List;
import java.util.Objects;

/**
 * One condition of an item: the sentence in that condition, cut into regions.
 *
 * @param name the condition name (unique within the item)
 * @param regions the region contents in region order; {@code regions.get(n - 1)} is region n; a
 *     region may be empty
 */
public record SuiteCondition(String name, List<String> regions) {
    public SuiteCondition {
        Objects.requireNonNull(name, "name");
        regions = List.copyOf(regions);
        if (regions.isEmpty()) {
            throw new IllegalArgumentException("condition " + name + " has no regions");
        }
    }

    /** @return the content of region n (1-based) */
    public String region(int regionNumber) {
        return regions.get(regionNumber - 1);
    }
}
