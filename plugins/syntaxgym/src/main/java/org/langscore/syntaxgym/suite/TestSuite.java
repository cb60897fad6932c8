package org.langscore.syntaxgym.suite;

import java.util.List;
import java.util.Objects;

/**
 * A SyntaxGym test suite, checked on loading: every item has the same regions, and every region a
 * prediction refers to exists in every item.
 *
 * @param name the suite name ({@code meta.name})
 * @param regionNames the region names ({@code region_meta}), region n at index n - 1
 * @param predictions the predictions, each of which must hold for an item to pass
 * @param items the items in file order
 */
public record TestSuite(String name, List<String> regionNames, List<Prediction> predictions, List<SuiteItem> items) {
    public TestSuite {
        Objects.requireNonNull(name, "name");
        regionNames = List.copyOf(regionNames);
        predictions = List.copyOf(predictions);
        items = List.copyOf(items);
    }

    /** @return how many sentences (item-condition pairs) the suite has */
    public int sentenceCount() {
        return items.stream().mapToInt(item -> item.conditions().size()).sum();
    }
}
