package org.langscore.huggingface.model;

/**
 * Facts of a loaded model that the subject and its context policies need.
 *
 * @param architecture the {@code architectures[0]} of config.json (e.g. {@code GPT2LMHeadModel})
 * @param modelType the {@code model_type} of config.json
 * @param vocabSize rows of the output projection
 * @param maxPositionEmbeddings the trained context length
 * @param slidingWindow the model's own attention window (Mistral), 0 when it has none
 * @param absolutePositions true when positions are a learned table (GPT-2): a cached key cannot move
 * @param parameterCount the number of parameters
 */
public record ModelInfo(String architecture, String modelType, int vocabSize, int maxPositionEmbeddings,
                        int slidingWindow, boolean absolutePositions, long parameterCount) {
    public ModelInfo {
        java.util.Objects.requireNonNull(architecture, "architecture");
        java.util.Objects.requireNonNull(modelType, "modelType");
        if (vocabSize <= 0 || maxPositionEmbeddings <= 0 || slidingWindow < 0 || parameterCount < 0) {
            throw new IllegalArgumentException("Invalid model facts: vocabSize " + vocabSize + ", maxPositionEmbeddings "
                    + maxPositionEmbeddings + ", slidingWindow " + slidingWindow + ", parameterCount " + parameterCount);
        }
    }
}
