package org.langscore.syntaxgym.formula;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * An atom {@code (N;%condition%)}: the value of region N (1-based) in a condition of the current
 * item, or, written {@code (*;%condition%)}, the value of the whole sentence.
 *
 * @param regionNumber the region number, empty for the whole sentence ({@code *})
 * @param condition the condition name
 * @param column the 1-based column of the opening parenthesis
 */
public record RegionReference(OptionalInt regionNumber, String condition, int column) implements NumericTerm {
    public RegionReference {
        Objects.requireNonNull(regionNumber, "regionNumber");
        Objects.requireNonNull(condition, "condition");
        if (condition.isEmpty()) {
            throw new IllegalArgumentException("a region reference needs a condition name");
        }
        if (column < 1) {
            throw new IllegalArgumentException("column must be >= 1, got " + column);
        }
    }

    /** @return whether the reference is to the whole sentence ({@code *}) */
    public boolean wholeSentence() {
        return regionNumber.isEmpty();
    }

    @Override
    public double value(RegionValues values) {
        return wholeSentence() ? values.sentence(condition) : values.region(condition, regionNumber.getAsInt());
    }

    @Override
    public List<RegionReference> references() {
        return List.of(this);
    }

    @Override
    public String toString() {
        return "(" + (wholeSentence() ? "*" : Integer.toString(regionNumber.getAsInt())) + ";%" + condition + "%)";
    }
}
