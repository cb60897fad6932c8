package org.langscore.huggingface.model;

import java.nio.LongBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * A learned absolute position table (GPT-2, GPT-1, GPT-Neo, OPT): position {@code p}'s embedding is row
 * {@code p + offset}. {@link DecoderModel} rejects a position beyond the table before any lookup.
 *
 * @param table {@code [positions + offset, E]}
 * @param offset the row of position 0 (OPT's 2; 0 elsewhere)
 */
record PositionTable(Weight table, int offset) {

    /**
     * Reads the table {@code [positions + offset, width]}.
     *
     * @param reader the model's weight reader
     * @param name the tensor's name
     * @param positions how many positions the table holds
     * @param offset the row of position 0
     * @param width E
     * @return the table
     */
    static PositionTable read(WeightReader reader, String name, long positions, int offset, long width) {
        return new PositionTable(reader.base(name, positions + offset, width), offset);
    }

    /**
     * @param step the call's manager
     * @param positions the tokens' positions, {@code [n]}
     * @return the tokens' position embeddings, {@code [n, E]}
     */
    NDArray rows(NDManager step, long[] positions) {
        long[] rows = new long[positions.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = positions[i] + offset;
        }
        NDArray rowIds = step.create(LongBuffer.wrap(rows), new Shape(rows.length));        // [n]
        return TensorOps.embedding(rowIds, table);                                           // [n, E]
    }
}
