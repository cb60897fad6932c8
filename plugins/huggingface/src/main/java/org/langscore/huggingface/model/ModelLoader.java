package org.langscore.huggingface.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Loads a HuggingFace model folder ({@code config.json} plus a single or sharded safetensors
 * checkpoint) as a {@link CausalLanguageModel}, choosing the {@link ModelFamily} by {@code architectures}
 * (or {@code model_type} when that is absent).
 */
public final class ModelLoader {

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
        Optional<ModelFamily> family = architecture != null ? ModelFamily.ofArchitecture(architecture)
                : ModelFamily.ofModelType(config.string(null, "model_type"));
        if (family.isEmpty()) {
            String what = architecture != null ? "architecture '" + architecture + "'"
                    : "model_type '" + config.string("(none)", "model_type") + "'";
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, config.file() + " names the " + what
                    + ", which langscore does not support (supported: " + String.join(", ",
                    ModelFamily.supportedArchitectures()) + ")");
        }
        String name = architecture != null ? architecture : family.get().architecture();
        // The weights stay in the mapped files (nothing is read yet): F32 is used in place, F16/BF16
        // is widened layer by layer at use.
        return loadWeights(folder, family.get(), name, config);
    }

    private static CausalLanguageModel loadWeights(Path folder, ModelFamily family, String name, ConfigJson config) {
        // The checkpoint stays open with the model (its weights map the file layer by layer) and closes with it.
        SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder);
        NDManager root = null;
        try {
            root = NDManager.newBaseManager(Device.cpu(), "PyTorch");
            NDManager weights = root.newSubManager();
            CausalLanguageModel model = family.load(config, checkpoint, folder, root, weights, name);
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
}
