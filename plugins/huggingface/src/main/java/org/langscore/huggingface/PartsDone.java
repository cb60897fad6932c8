package org.langscore.huggingface;

import java.util.function.IntConsumer;

import org.langscore.spi.ProgressListener;

/**
 * Turns a policy's count of tokens done into parts done, through the parts' token counts, and reports
 * each new count of parts done to a {@link ProgressListener} in the unit "words". A part is done when its
 * last token is; a part with no tokens is done with the part before it.
 */
final class PartsDone implements IntConsumer {

    private final int[] partEnds;
    private final ProgressListener listener;
    private final String stage;
    private int partsDone;
    private int reported = -1;

    /**
     * @param partTokenCounts the tokens of each part, in order, as handed to the policy
     * @param listener where the parts done are reported
     * @param stage the stage named in the reports
     */
    PartsDone(int[] partTokenCounts, ProgressListener listener, String stage) {
        this.partEnds = new int[partTokenCounts.length];
        int end = 0;
        for (int i = 0; i < partTokenCounts.length; i++) {
            end += partTokenCounts[i];
            partEnds[i] = end;
        }
        this.listener = listener;
        this.stage = stage;
    }

    @Override
    public void accept(int tokensDone) {
        while (partsDone < partEnds.length && partEnds[partsDone] <= tokensDone) {
            partsDone++;
        }
        if (partsDone != reported) {
            reported = partsDone;
            listener.onProgress(stage, partsDone, partEnds.length, "words");
        }
    }
}
