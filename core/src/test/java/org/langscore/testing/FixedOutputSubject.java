package org.langscore.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.langscore.spi.PartResult;
import org.langscore.spi.Subject;
import org.langscore.spi.Task;

/**
 * A hand-written fake {@link Subject} for tests: each part's reading time is a function of the part
 * (for example its length), and the next word is always the same. It may also report
 * {@link #withSettings settings} and {@link #waitingPerPart wait} for each part, as a slow model does.
 */
public final class FixedOutputSubject implements Subject {
    private final String identifier;
    private final ToDoubleFunction<String> readingTime;
    private final List<List<String>> calls = new ArrayList<>();
    private Map<String, String> settings = Map.of();
    private long millisPerPart;
    private Task task;
    private boolean closed;

    /**
     * @param identifier the subject's identifier
     * @param readingTime the reading time of a part
     */
    public FixedOutputSubject(String identifier, ToDoubleFunction<String> readingTime) {
        this.identifier = identifier;
        this.readingTime = readingTime;
    }

    /**
     * @param settings what {@link #settings()} reports, as a real subject reports its policy and model
     * @return this subject
     */
    public FixedOutputSubject withSettings(Map<String, String> settings) {
        this.settings = Map.copyOf(settings);
        return this;
    }

    /**
     * Makes every call wait {@code millis} per part before it answers, so that a test can watch a job
     * run or cancel it. An interrupted wait keeps the interrupt flag and answers at once.
     *
     * @return this subject
     */
    public FixedOutputSubject waitingPerPart(long millis) {
        this.millisPerPart = millis;
        return this;
    }

    @Override
    public String identifier() {
        return identifier;
    }

    @Override
    public void startBehavioralTask(Task task) {
        this.task = task;
    }

    @Override
    public List<PartResult> digestText(List<String> parts) {
        if (closed) {
            throw new IllegalStateException("subject is closed");
        }
        calls.add(List.copyOf(parts));
        if (millisPerPart > 0) {
            try {
                Thread.sleep(millisPerPart * parts.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<PartResult> results = new ArrayList<>();
        for (String part : parts) {
            double value = task == Task.READING_TIMES ? readingTime.applyAsDouble(part) : Double.NaN;
            results.add(new PartResult(part, value, task == Task.NEXT_WORD ? "the" : null, -1, -1));
        }
        return results;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    /** @return the parts of every call so far */
    public List<List<String>> calls() {
        return calls;
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
