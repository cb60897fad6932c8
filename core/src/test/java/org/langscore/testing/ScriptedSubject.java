package org.langscore.testing;

import java.util.ArrayList;
import java.util.List;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.PartResult;
import org.langscore.spi.ProgressListener;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A hand-written fake subject that answers each part, across calls, with the next value of a fixed
 * sequence, so that a test can hand back one value per stimulus word (random numbers, the human means).
 */
public final class ScriptedSubject implements Subject {
    private final double[] values;
    private final List<Integer> callSizes = new ArrayList<>();
    private int next;
    private int progressStep;
    private Task task;
    private boolean closed;

    /** @param values the value of each part, in the order the parts arrive across calls */
    public ScriptedSubject(double[] values) {
        this.values = values.clone();
    }

    @Override
    public String identifier() {
        return "scripted";
    }

    @Override
    public void startBehavioralTask(Task task) {
        this.task = task;
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        if (task != Task.READING_TIMES) {
            throw new ScoringException(ErrorCode.UNSUPPORTED_TASK, "scripted subject only reads, task " + task);
        }
        callSizes.add(parts.size());
        List<PartResult> results = new ArrayList<>();
        for (String part : parts) {
            results.add(PartResult.readingTime(part, values[next++]));
        }
        return results;
    }

    /**
     * Makes {@link #digestText(List, ProgressListener)} report every {@code step} parts done, and at the end,
     * as a subject that reports within a call does (0, the default: no reports).
     */
    public ScriptedSubject reportingEvery(int step) {
        this.progressStep = step;
        return this;
    }

    @Override
    public List<PartResult> digestText(List<String> parts, ProgressListener progress) {
        List<PartResult> results = digestText(parts);
        if (progressStep > 0) {
            for (int done = progressStep; done < parts.size(); done += progressStep) {
                progress.onProgress("scripted", done, parts.size(), "words");
            }
            progress.onProgress("scripted", parts.size(), parts.size(), "words");
        }
        return results;
    }

    /** @return the number of parts of each call so far */
    public List<Integer> callSizes() {
        return callSizes;
    }

    /** @return whether close was called */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}
