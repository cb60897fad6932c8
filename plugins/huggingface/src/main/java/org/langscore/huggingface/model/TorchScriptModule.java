package org.langscore.huggingface.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.training.ParameterStore;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A TorchScript module written from source text by {@link TorchScriptArchive} into a temporary folder
 * and loaded by DJL's PyTorch engine: libtorch ops that DJL's API lacks, called from Java with no
 * Python anywhere. Load one per JVM and keep it: loading compiles the source (tens of milliseconds).
 *
 * <p>Thread-safe: a loaded TorchScript module holds no state between calls.
 */
final class TorchScriptModule {

    private final String name;
    private final Model model;
    private final Block block;

    private TorchScriptModule(String name, Model model) {
        this.name = name;
        this.model = model;
        this.block = model.getBlock();
    }

    /**
     * Writes and loads a module.
     *
     * @param name the archive's name (an identifier)
     * @param className the class the source defines
     * @param source the TorchScript source of the class (see {@link TorchScriptArchive#write})
     * @return the loaded module, for the JVM's lifetime
     * @throws ScoringException {@link ErrorCode#MODEL_LOAD_FAILED} when the archive cannot be written or
     *     libtorch rejects the source
     */
    static TorchScriptModule load(String name, String className, String source) {
        DjlEnvironment.init();
        Path folder = null;
        try {
            folder = Files.createTempDirectory("langscore-torchscript-");
            Path archive = TorchScriptArchive.write(folder, name, className, source);
            Model model = Model.newInstance(name, Device.cpu(), "PyTorch");
            try {
                model.load(folder, name);
            } catch (RuntimeException | MalformedModelException | IOException e) {
                model.close();
                throw e;
            }
            Files.deleteIfExists(archive);
            return new TorchScriptModule(name, model);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "Could not build the TorchScript module " + name
                    + " (" + className + ") in " + folder + ": " + e.getMessage(), e);
        } finally {
            if (folder != null) {
                try {
                    Files.deleteIfExists(folder);
                } catch (IOException ignored) {
                    // a leftover empty temporary folder is harmless
                }
            }
        }
    }

    /**
     * Runs the module's {@code forward} on the inputs, in order.
     *
     * @param inputs float32 (or other DJL-safe) arrays; the outputs are created in the manager of the first
     * @return the outputs: one array, or the elements of a returned tuple
     */
    NDList forward(NDList inputs) {
        return block.forward(new ParameterStore(inputs.head().getManager(), false), inputs, false);
    }

    /**
     * Runs the module's {@code forward} on TorchScript values, for tensors DJL must never hold as arrays
     * (bfloat16): nothing is converted on either side.
     *
     * @param inputs the arguments, in order (the caller closes them)
     * @return the result (the caller closes it)
     */
    IValue forward(IValue... inputs) {
        return ((PtSymbolBlock) block).forward(inputs);
    }

    /** @return the archive's name */
    String name() {
        return name;
    }

    @Override
    public String toString() {
        return "TorchScriptModule[" + name + ", " + model.getName() + "]";
    }
}
