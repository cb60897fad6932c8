package org.langscore.huggingface.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Loads a HuggingFace model folder ({@code config.json} plus a single or sharded safetensors
 * checkpoint) as a {@link CausalLanguageModel}, choosing the family by {@code architectures} (or
 * {@code model_type} when that is absent).
 */
public final class ModelLoader {

    /** The supported families by {@code architectures[0]}. */
    private static final Map<String, String> TYPE_OF_ARCHITECTURE = Map.ofEntries(
            Map.entry("GPT2LMHeadModel", "gpt2"),
            Map.entry("LlamaForCausalLM", "llama"),
            Map.entry("MistralForCausalLM", "mistral"),
            Map.entry("Qwen2ForCausalLM", "qwen2"),
            Map.entry("GPTNeoXForCausalLM", "gpt_neox"),
            Map.entry("FalconForCausalLM", "falcon"),
            Map.entry("OPTForCausalLM", "opt"),
            Map.entry("GPTNeoForCausalLM", "gpt_neo"),
            Map.entry("PhiForCausalLM", "phi"),
            Map.entry("GemmaForCausalLM", "gemma"),
            Map.entry("MptForCausalLM", "mpt"),
            // The remote-code class name that the released MPT checkpoints carry.
            Map.entry("MPTForCausalLM", "mpt"),
            Map.entry("OpenAIGPTLMHeadModel", "openai-gpt"));

    private ModelLoader() {
    }

    /**
     * Loads a model.
     *
     * @param folder the model folder
     * @return the model; the caller closes it
     * @throws ScoringException {@link ErrorCode#FILE_NOT_FOUND} for a missing folder or file,
     *     {@link ErrorCode#MODEL_LOAD_FAILED} for an unsupported architecture, a config value or tensor
     *     shape that does not fit, or a corrupt checkpoint
     */
    public static CausalLanguageModel load(Path folder) {
        DjlEnvironment.init();
        if (!Files.isDirectory(folder)) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "Model folder not found: " + folder);
        }
        ConfigJson config = ConfigJson.read(folder.resolve("config.json"));
        String architecture = config.architecture().orElse(null);
        String modelType = architecture != null ? TYPE_OF_ARCHITECTURE.get(architecture) : config.string(null, "model_type");
        if (modelType == null || !TYPE_OF_ARCHITECTURE.containsValue(modelType)) {
            String what = architecture != null ? "architecture '" + architecture + "'"
                    : "model_type '" + config.string("(none)", "model_type") + "'";
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, config.file() + " names the " + what
                    + ", which langscore does not support (supported: " + String.join(", ",
                    new java.util.TreeSet<>(TYPE_OF_ARCHITECTURE.keySet())) + ")");
        }
        String name = architecture != null ? architecture : architectureOf(modelType);
        // The weights stay in the mapped files (nothing is read yet): F32 is used in place, F16/BF16
        // is widened layer by layer at use.
        return loadWeights(folder, modelType, name, config);
    }

    private static CausalLanguageModel loadWeights(Path folder, String modelType, String name, ConfigJson config) {
        // The checkpoint stays open with the model (its weights map the file layer by layer) and closes with it.
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
        NDManager root = null;
        try {
            root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
            NDManager weights = root.newSubManager();
            CausalLanguageModel model = build(modelType, name, config, checkpoint, folder, root, weights);
            // From here on any op that would allocate among the weights fails instead of leaking.
            weights.cap();
            return model;
        } catch (RuntimeException e) {
            if (root != null) {
                root.close();
            }
            checkpoint.close();
            throw e;
        }
    }

    private static CausalLanguageModel build(String modelType, String architecture, ConfigJson config,
                                             SafetensorsCheckpoint checkpoint, Path folder, NDManager root,
                                             NDManager weights) {
        switch (modelType) {
            case "gpt2":
                return Gpt2Model.load(Gpt2Config.from(config),
                        new WeightReader(checkpoint, folder, "transformer.", weights), root, architecture);
            case "llama":
            case "mistral":
            case "qwen2":
                return LlamaModel.load(LlamaConfig.from(config, modelType),
                        new WeightReader(checkpoint, folder, "model.", weights), root, architecture);
            case "gpt_neox":
                return GptNeoXModel.load(GptNeoXConfig.from(config),
                        new WeightReader(checkpoint, folder, "gpt_neox.", weights), root, architecture);
            case "falcon":
                return FalconModel.load(FalconConfig.from(config),
                        new WeightReader(checkpoint, folder, "transformer.", weights), root, architecture);
            case "opt":
                return OptModel.load(OptConfig.from(config),
                        new WeightReader(checkpoint, folder, "model.decoder.", weights), root, architecture);
            case "gpt_neo":
                return GptNeoModel.load(GptNeoConfig.from(config),
                        new WeightReader(checkpoint, folder, "transformer.", weights), root, architecture);
            case "phi":
                return PhiModel.load(PhiConfig.from(config),
                        new WeightReader(checkpoint, folder, "model.", weights), root, architecture);
            case "gemma":
                return GemmaModel.load(GemmaConfig.from(config),
                        new WeightReader(checkpoint, folder, "model.", weights), root, architecture);
            case "mpt":
                return MptModel.load(MptConfig.from(config),
                        new WeightReader(checkpoint, folder, "transformer.", weights), root, architecture);
            case "openai-gpt":
                return OpenAiGptModel.load(OpenAiGptConfig.from(config),
                        new WeightReader(checkpoint, folder, "transformer.", weights), root, architecture);
            default:
                throw new IllegalStateException("no loader for model_type " + modelType);
        }
    }

    private static String architectureOf(String modelType) {
        if (modelType.equals("mpt")) {
            return "MptForCausalLM";   // transformers' own name, not the remote-code alias
        }
        for (Map.Entry<String, String> entry : TYPE_OF_ARCHITECTURE.entrySet()) {
            if (entry.getValue().equals(modelType)) {
                return entry.getKey();
            }
        }
        throw new IllegalArgumentException(modelType);
    }
}
