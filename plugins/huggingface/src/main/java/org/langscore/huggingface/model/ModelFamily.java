package org.langscore.huggingface.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import ai.djl.ndarray.NDManager;

/**
 * The model families langscore runs, each registered here once: the {@code model_type} of
 * {@code config.json} it answers to, the {@code architectures} class names that name it (the first is
 * transformers' own), where its tensors sit in a checkpoint, and how its configuration is read and its
 * forward pass built. Every other place that names a family asks this type.
 */
public enum ModelFamily {
    /** GPT-2 and DistilGPT-2. */
    GPT2("gpt2", "transformer.", "GPT2LMHeadModel"),
    /** Llama 1-3 (and TinyLlama). */
    LLAMA("llama", "model.", "LlamaForCausalLM"),
    /** Mistral, with its attention window. */
    MISTRAL("mistral", "model.", "MistralForCausalLM"),
    /** Qwen2. */
    QWEN2("qwen2", "model.", "Qwen2ForCausalLM"),
    /** GPT-NeoX (Pythia). */
    GPT_NEOX("gpt_neox", "gpt_neox.", "GPTNeoXForCausalLM"),
    /** Falcon. */
    FALCON("falcon", "transformer.", "FalconForCausalLM"),
    /** OPT. */
    OPT("opt", "model.decoder.", "OPTForCausalLM"),
    /** GPT-Neo. */
    GPT_NEO("gpt_neo", "transformer.", "GPTNeoForCausalLM"),
    /** Phi-1/2. */
    PHI("phi", "model.", "PhiForCausalLM"),
    /** Gemma 1. */
    GEMMA("gemma", "model.", "GemmaForCausalLM"),
    /** MPT; the released checkpoints carry the remote-code class name {@code MPTForCausalLM}. */
    MPT("mpt", "transformer.", "MptForCausalLM", "MPTForCausalLM"),
    /** GPT-1. */
    OPENAI_GPT("openai-gpt", "transformer.", "OpenAIGPTLMHeadModel");

    private final String modelType;
    private final String weightPrefix;
    private final List<String> architectures;

    ModelFamily(String modelType, String weightPrefix, String... architectures) {
        this.modelType = modelType;
        this.weightPrefix = weightPrefix;
        this.architectures = List.of(architectures);
    }

    /** @return the {@code model_type} of config.json this family answers to */
    public String modelType() {
        return modelType;
    }

    /** @return transformers' class name for the family ({@code architectures[0]} of its config.json) */
    public String architecture() {
        return architectures.get(0);
    }

    /** @return every {@code architectures[0]} that names this family, transformers' own first */
    public List<String> architectures() {
        return architectures;
    }

    /**
     * @param modelType a config.json {@code model_type}
     * @return the family that answers to it, or empty
     */
    public static Optional<ModelFamily> ofModelType(String modelType) {
        return Arrays.stream(values()).filter(family -> family.modelType.equals(modelType)).findFirst();
    }

    /**
     * @param architecture a config.json {@code architectures[0]}
     * @return the family that class name belongs to, or empty
     */
    public static Optional<ModelFamily> ofArchitecture(String architecture) {
        return Arrays.stream(values()).filter(family -> family.architectures.contains(architecture)).findFirst();
    }

    /** @return every supported {@code architectures} name, sorted */
    public static SortedSet<String> supportedArchitectures() {
        SortedSet<String> names = new TreeSet<>();
        for (ModelFamily family : values()) {
            names.addAll(family.architectures);
        }
        return names;
    }

    /**
     * Reads the family's configuration and builds its forward pass over a checkpoint's weights.
     *
     * @param config the model's config.json
     * @param checkpoint the open checkpoint
     * @param folder the model folder (named in errors)
     * @param root the manager the model owns
     * @param weights the manager the weights are created in
     * @param architecture the architecture name the model reports
     * @return the model
     */
    CausalLanguageModel load(ConfigJson config, SafetensorsCheckpoint checkpoint, Path folder, NDManager root,
                             NDManager weights, String architecture) {
        WeightReader reader = new WeightReader(checkpoint, folder, weightPrefix, weights);
        return switch (this) {
            case GPT2 -> Gpt2Model.load(Gpt2Config.from(config), reader, root, architecture);
            case LLAMA -> LlamaModel.load(LlamaConfig.from(config, LlamaConfig.Variant.LLAMA), reader, root,
                    architecture);
            case MISTRAL -> LlamaModel.load(LlamaConfig.from(config, LlamaConfig.Variant.MISTRAL), reader, root,
                    architecture);
            case QWEN2 -> LlamaModel.load(LlamaConfig.from(config, LlamaConfig.Variant.QWEN2), reader, root,
                    architecture);
            case GPT_NEOX -> GptNeoXModel.load(GptNeoXConfig.from(config), reader, root, architecture);
            case FALCON -> FalconModel.load(FalconConfig.from(config), reader, root, architecture);
            case OPT -> OptModel.load(OptConfig.from(config), reader, root, architecture);
            case GPT_NEO -> GptNeoModel.load(GptNeoConfig.from(config), reader, root, architecture);
            case PHI -> PhiModel.load(PhiConfig.from(config), reader, root, architecture);
            case GEMMA -> GemmaModel.load(GemmaConfig.from(config), reader, root, architecture);
            case MPT -> MptModel.load(MptConfig.from(config), reader, root, architecture);
            case OPENAI_GPT -> OpenAiGptModel.load(OpenAiGptConfig.from(config), reader, root, architecture);
        };
    }
}
