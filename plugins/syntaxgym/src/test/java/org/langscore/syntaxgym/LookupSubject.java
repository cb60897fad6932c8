package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.langscore.spi.PartResult;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A hand-written fake subject that answers every sentence from a table: the parts of a call (the
 * regions of one item and condition) map to one surprisal per region. An unknown sentence fails the test.
 */
final class LookupSubject implements Subject {
    private final Map<List<String>, double[]> surprisals;
    private Task task;
    private int calls;

    LookupSubject(Map<List<String>, double[]> surprisals) {
        this.surprisals = surprisals;
    }

    @Override
    public String identifier() {
        return "lookup";
    }

    @Override
    public void startBehavioralTask(Task task) {
        this.task = task;
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        if (task != Task.READING_TIMES) {
            throw new AssertionError("the benchmark must ask for reading times first, task is " + task);
        }
        double[] values = surprisals.get(parts);
        if (values == null || values.length != parts.size()) {
            throw new AssertionError("the subject was asked about a sentence it does not know: " + parts);
        }
        calls++;
        List<PartResult> results = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            results.add(PartResult.readingTime(parts.get(i), values[i]));
        }
        return results;
    }

    int calls() {
        return calls;
    }

    @Override
    public void close() {
    }
}
