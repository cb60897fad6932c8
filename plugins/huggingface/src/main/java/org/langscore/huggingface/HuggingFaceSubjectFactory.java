package org.langscore.huggingface;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.langscore.huggingface.hub.HubClient;
import org.langscore.huggingface.hub.HubReference;
import org.langscore.huggingface.hub.HubSettings;
import org.langscore.huggingface.memory.AvailableMemory;
import org.langscore.huggingface.memory.MemoryPreflight;
import org.langscore.huggingface.memory.ModelFootprint;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ConfigJson;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.huggingface.model.ModelLoader;
import org.langscore.huggingface.model.ProductPrecision;
import org.langscore.huggingface.model.SafetensorsCheckpoint;
import org.langscore.huggingface.policy.ContextPolicy;
import org.langscore.huggingface.policy.PolicyKind;
import org.langscore.huggingface.tokenizer.ModelTokenizer;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.PluginContext;
import org.langscore.spi.ScoringException;
import org.langscore.spi.Subject;
import org.langscore.spi.SubjectFactory;

/**
 * Makes {@link HuggingFaceSubject}s from a HuggingFace model folder (holding {@code config.json}) or a Hub
 * reference {@code org/name[@revision]}, which is downloaded into the Hub cache first ({@link HubClient}).
 * Run options: {@code policy}, {@code window}, {@code stride}, {@code chunk}, {@code batch}
 * ({@link SubjectOptions}).
 * Plugin configuration: {@code hub.endpoint}, {@code hub.cache}, {@code hub.offline} (else the
 * {@code HF_*} environment variables, see {@link HubSettings}); {@code memory.limit}, the most memory a run
 * may use (e.g. {@code 12g}; default: what the machine and the control group have).
 *
 * <p>Before a model's weights are read, a memory pre-flight ({@link MemoryPreflight}) compares what the run
 * needs with what is available and refuses in one line when it does not fit.
 */
public final class HuggingFaceSubjectFactory implements SubjectFactory {
    /** The factory's identifier. */
    public static final String ID = "huggingface";
    static final String CONFIG_FILE = "config.json";

    /** The plugin configuration key that caps the memory a run may use. */
    static final String MEMORY_LIMIT = "memory.limit";
    private static final System.Logger LOG = System.getLogger(HuggingFaceSubjectFactory.class.getName());

    private final Map<String, String> environment;
    private final Supplier<AvailableMemory> memory;

    /** A factory that reads the {@code HF_*} variables of the process environment. */
    public HuggingFaceSubjectFactory() {
        this(System.getenv(), AvailableMemory::probe);
    }

    /** @param environment the environment to read the {@code HF_*} variables from */
    HuggingFaceSubjectFactory(Map<String, String> environment) {
        this(environment, AvailableMemory::probe);
    }

    /**
     * @param environment the environment to read the {@code HF_*} variables from
     * @param memory what the pre-flight takes as available
     */
    HuggingFaceSubjectFactory(Map<String, String> environment, Supplier<AvailableMemory> memory) {
        this.environment = Map.copyOf(environment);
        this.memory = memory;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "causal language models from a HuggingFace folder or the Hub (org/name[@revision]), float32 on"
                + " DJL PyTorch";
    }

    /**
     * Accepts every existing directory (a folder without {@code config.json} then gets this factory's error
     * naming the missing file, rather than "no subject plugin accepts") and every Hub reference; not a
     * file.
     */
    /** Files whose presence marks a folder as a HuggingFace model folder. */
    private static final java.util.List<String> MODEL_FILES = java.util.List.of("config.json", "tokenizer.json",
            "model.safetensors", "model.safetensors.index.json", "tokenizer_config.json");

    @Override
    public boolean supports(String modelReference) {
        Optional<Path> folder = localPath(modelReference);
        if (folder.isPresent() && Files.exists(folder.get())) {
            // A folder holding any file of a HuggingFace model is ours, so that a missing one is named;
            // other folders may belong to other plugins.
            return Files.isDirectory(folder.get()) && MODEL_FILES.stream()
                    .anyMatch(file -> Files.exists(folder.get().resolve(file)));
        }
        return HubReference.parse(modelReference).isPresent();
    }

    @Override
    public Subject create(String modelReference, Map<String, String> options, PluginContext context) {
        SubjectOptions subjectOptions = SubjectOptions.parse(options);
        Path folder;
        String identifier;
        Optional<Path> local = localPath(modelReference);
        if (local.isPresent() && Files.isDirectory(local.get())) {
            folder = local.get();
            identifier = folder.toAbsolutePath().normalize().getFileName().toString();
        } else {
            Optional<HubReference> hub = HubReference.parse(modelReference);
            if (hub.isEmpty()) {
                throw new ScoringException(ErrorCode.UNKNOWN_MODEL, "'" + modelReference + "' is neither a model folder"
                        + " nor a Hub reference org/name[@revision]");
            }
            folder = new HubClient(HubSettings.from(environment, context.config())).snapshot(hub.get());
            identifier = hub.get().revision().equals(HubReference.DEFAULT_REVISION) ? hub.get().repo()
                    : hub.get().toString();
        }
        if (!Files.isRegularFile(folder.resolve(CONFIG_FILE))) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "the model folder " + folder + " has no " + CONFIG_FILE);
        }
        ModelTokenizer tokenizer = ModelTokenizer.load(folder);
        CausalLanguageModel model = null;
        try {
            ModelFootprint footprint = footprintOf(folder);
            // Loading maps the files and reads no weight; the pre-flight runs before the first product.
            long started = System.nanoTime();
            model = ModelLoader.load(folder);
            LOG.log(System.Logger.Level.INFO, String.format(java.util.Locale.ROOT,
                    "Opened %s: %,d parameters, %.1f GiB of weights mapped in their stored precision, in %.2f s",
                    identifier, model.info().parameterCount(), footprint.mappedWeightBytes() / (double) (1L << 30),
                    (System.nanoTime() - started) / 1e9));
            model.useProducts(subjectOptions.dtype());
            ContextPolicy policy = policyFor(model.info(), subjectOptions);
            AvailableMemory available = availableMemory(context);
            boolean packed = packWeights(identifier, subjectOptions, footprint, policy, available);
            model.usePackedWeights(packed);
            preflight(identifier, subjectOptions.dtype() == ProductPrecision.BFLOAT16 ? footprint.withBfloat16Copies()
                    : packed ? footprint.withPackedCopies() : footprint, policy, available);
            HuggingFaceSubject subject = new HuggingFaceSubject(identifier, model, tokenizer, policy,
                    subjectOptions.batchSize());
            subject.recordSource(ModelSource.describe(folder));
            subject.recordPreflightPassed();
            return subject;
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            tokenizer.close();
            throw e;
        }
    }

    /**
     * The policy of a run: the named one, or the model's default ({@code strided} for learned positions,
     * {@code sliding} for rotary ones), with the window, stride and chunk options that are set.
     */
    static ContextPolicy policyFor(ModelInfo info, SubjectOptions options) {
        Map<String, String> parameters = new java.util.LinkedHashMap<>(options.asMap());
        parameters.remove("policy");
        parameters.remove("batch");
        parameters.remove("dtype");
        parameters.remove("weights");
        PolicyKind kind = options.policy() != null ? PolicyKind.of(options.policy()) : PolicyKind.defaultFor(info);
        return kind.build(parameters, info);
    }

    private static ModelFootprint footprintOf(Path folder) {
        ConfigJson config = ConfigJson.read(folder.resolve(CONFIG_FILE));
        try (SafetensorsCheckpoint checkpoint = SafetensorsCheckpoint.open(folder)) {
            return ModelFootprint.of(config, checkpoint);
        }
    }

    /**
     * Whether float32 products use packed matrices: as asked, or (auto) when this libtorch has oneDNN's
     * packed products and the run's working memory with the packed copies stays within
     * {@link #PACKED_SHARE} of what is available (the rest is left for the estimate's error and the system).
     */
    private static boolean packWeights(String identifier, SubjectOptions options, ModelFootprint footprint,
                                       ContextPolicy policy, AvailableMemory available) {
        if (options.dtype() != ProductPrecision.FLOAT32 || options.weights() == WeightsChoice.STORED) {
            return false;
        }
        boolean possible = org.langscore.huggingface.model.PackedProducts.available();
        if (options.weights() == WeightsChoice.PACKED) {
            if (!possible) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "option 'weights=packed' needs oneDNN's packed"
                        + " products, which this PyTorch engine lacks; use weights=stored");
            }
            return true;
        }
        long working = footprint.withPackedCopies().forRun(windowOf(policy), tokensPerCallOf(policy)).workingBytes();
        long room = (long) (available.usableBytes() * PACKED_SHARE);
        boolean fits = possible && working <= room;
        LOG.log(System.Logger.Level.INFO, fits
                ? "Float32 products of " + identifier + " use packed weights: " + 4 * footprint.matrixElements()
                        / (1L << 20) + " MiB kept (weights=stored keeps only the file's pages)"
                : "Float32 products of " + identifier + " read the stored weights layer by layer: "
                        + (possible ? "packed copies would need " + working / (1L << 20) + " MiB of working memory,"
                        + " above " + room / (1L << 20) + " MiB" : "this PyTorch engine has no packed products"));
        return fits;
    }

    /** The share of the available memory that packed weights and the rest of a run may take under auto. */
    static final double PACKED_SHARE = 0.75;

    private static int windowOf(ContextPolicy policy) {
        return Integer.parseInt(policy.parameters().getOrDefault(PolicyKind.WINDOW, "1024"));
    }

    /** truncate re-encodes a whole window per part; brainscore-kv feeds one part (a few tokens) at a time. */
    private static int tokensPerCallOf(ContextPolicy policy) {
        int window = windowOf(policy);
        String chunk = policy.parameters().get(PolicyKind.CHUNK);
        return chunk != null ? Integer.parseInt(chunk)
                : PolicyKind.BRAINSCORE_KV.label().equals(policy.name()) ? Math.min(window, 64) : window;
    }

    /** What the machine and JVM have, capped by {@code plugins.huggingface.memory-limit} when it is set. */
    private AvailableMemory availableMemory(PluginContext context) {
        AvailableMemory available = memory.get();
        String limit = context.config().get(MEMORY_LIMIT);
        if (limit != null) {
            long bytes;
            try {
                bytes = AvailableMemory.parseSize(limit);
            } catch (RuntimeException e) {
                throw new ScoringException(ErrorCode.INVALID_ARGUMENT, "plugins." + ID + "." + MEMORY_LIMIT + " is '"
                        + limit + "'; give a size such as 12g or 800m", e);
            }
            available = new AvailableMemory(Math.min(available.systemBytes(), bytes), available.cgroupBytes(),
                    available.directMemoryBytes());
        }
        return available;
    }

    /** Refuses a run that cannot fit; warns when the weights will be streamed from disk. */
    private static void preflight(String identifier, ModelFootprint footprint, ContextPolicy policy,
                                  AvailableMemory available) {
        int window = windowOf(policy);
        int tokensPerCall = tokensPerCallOf(policy);
        MemoryPreflight.Verdict verdict = MemoryPreflight.check(identifier, footprint, window, tokensPerCall, available);
        if (verdict == MemoryPreflight.Verdict.STREAMING) {
            long working = footprint.forRun(window, tokensPerCall).workingBytes();
            LOG.log(System.Logger.Level.WARNING, "The weights of " + identifier + " ("
                    + footprint.mappedWeightBytes() / (1L << 20) + " MiB) do not fit in the "
                    + (available.usableBytes() - working) / (1L << 20) + " MiB left beside the run's working memory ("
                    + working / (1L << 20) + " of " + available.usableBytes() / (1L << 20) + " MiB available): they"
                    + " are read from disk at every sweep (larger --chunk values sweep less often)");
        }
    }

    private static Optional<Path> localPath(String reference) {
        try {
            return Optional.of(Path.of(reference));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
