package org.langscore.syntaxgym;

import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.PartResult;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A hand-written fake subject whose surprisal for a part depends on the part and everything before it
 * in the same call, like a language model's: a hash of the text so far, mapped to 0.00 ... 15.99 bits.
 * As a model, it returns NaN for the first part (nothing precedes it) and for an empty part.
 */
final class ContextHashSubject implements Subject {
    private final List<List<String>> calls = new ArrayList<>();

    /** @return the surprisal this subject gives part i of a call */
    static double surprisal(List<String> parts, int i) {
        if (i == 0 || parts.get(i).isEmpty()) {
            return Double.NaN;
        }
        String context = String.join("|", parts.subList(0, i + 1));
        return Math.floorMod(context.hashCode() * 31 + 17, 1600) / 100.0;
    }

    @Override
    public String identifier() {
        return "context-hash";
    }

    @Override
    public void startBehavioralTask(Task task) {
        if (task != Task.READING_TIMES) {
            throw new AssertionError("expected the reading-times task, got " + task);
        }
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        calls.add(List.copyOf(parts));
        List<PartResult> results = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            results.add(new PartResult(parts.get(i), surprisal(parts, i), null, parts.get(i).isEmpty() ? 0 : 1, i));
        }
        return results;
    }

    List<List<String>> calls() {
        return calls;
    }

    @Override
    public void close() {
    }
}
