package org.langscore.huggingface;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.langscore.huggingface.hub.HubClient;
import org.langscore.huggingface.hub.HubReference;
import org.langscore.huggingface.hub.HubSettings;
import org.langscore.huggingface.model.CausalLanguageModel;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.huggingface.model.ModelLoader;
import org.langscore.huggingface.policy.ContextPolicies;
import org.langscore.huggingface.policy.ContextPolicy;
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
 * {@code HF_*} environment variables, see {@link HubSettings}).
 */
public final class HuggingFaceSubjectFactory implements SubjectFactory {
    /** The factory's identifier. */
    public static final String ID = "huggingface";
    static final String CONFIG_FILE = "config.json";

    private final Map<String, String> environment;

    /** A factory that reads the {@code HF_*} variables of the process environment. */
    public HuggingFaceSubjectFactory() {
        this(System.getenv());
    }

    /** @param environment the environment to read the {@code HF_*} variables from */
    HuggingFaceSubjectFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
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
            model = ModelLoader.load(folder);
            ContextPolicy policy = policyFor(model.info(), subjectOptions);
            HuggingFaceSubject subject = new HuggingFaceSubject(identifier, model, tokenizer, policy,
                    subjectOptions.batchSize());
            subject.recordSource(ModelSource.describe(folder));
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
        if (options.policy() == null && parameters.isEmpty()) {
            return ContextPolicies.defaultFor(info);
        }
        String name = options.policy() != null ? options.policy() : ContextPolicies.defaultFor(info).name();
        return ContextPolicies.forName(name, parameters, info);
    }

    private static Optional<Path> localPath(String reference) {
        try {
            return Optional.of(Path.of(reference));
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }
}
