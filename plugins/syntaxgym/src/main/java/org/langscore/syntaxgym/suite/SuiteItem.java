package org.langscore.syntaxgym.suite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One item of a suite: the same sentence frame in each condition. Conditions are found by name,
 * because their order differs between items of some suites.
 *
 * @param itemNumber the item number from the suite file
 * @param conditions the conditions in file order
 */
public record SuiteItem(int itemNumber, List<SuiteCondition> conditions) {
    public SuiteItem {
        conditions = List.copyOf(conditions);
        Map<String, SuiteCondition> byName = new LinkedHashMap<>();
        for (SuiteCondition condition : conditions) {
            if (byName.put(condition.name(), condition) != null) {
                throw new IllegalArgumentException("item " + itemNumber + " has condition '" + condition.name() + "' twice");
            }
        }
    }

    /** @return the condition of that name, if the item has it */
    public Optional<SuiteCondition> condition(String name) {
        for (SuiteCondition condition : conditions) {
            if (condition.name().equals(name)) {
                return Optional.of(condition);
            }
        }
        return Optional.empty();
    }

    /** @return the condition names in file order */
    public List<String> conditionNames() {
        return conditions.stream().map(SuiteCondition::name).toList();
    }
}
