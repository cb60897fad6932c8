package org.langscore.web.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ModelSourceKind;
import org.langscore.spi.ScoringException;
import org.langscore.web.events.EventType;
import org.langscore.web.events.Events;
import org.langscore.web.events.PlatformEvent;

/**
 * Registers models. A model is declarative: a path under a configured root, or a Hub repository id
 * with a revision. Registering the same source under the same identifier twice is a no-op.
 */
@ApplicationScoped
public class ModelService {
    private static final Logger LOG = Logger.getLogger(ModelService.class);

    private static final Pattern HUB_REPOSITORY = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_.-]*/)?[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern REVISION = Pattern.compile("[A-Za-z0-9_.\\-/]{1,200}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.\\-/@+]{0,199}");

    @Inject
    ModelRepository models;

    @Inject
    PlatformSettings settings;

    @Inject
    PluginCatalog plugins;

    @Inject
    Events events;

    @Inject
    ObjectMapper json;

    /** The outcome of a registration: the model, and whether this call created it. */
    public record Registered(ModelEntity model, boolean created) {
    }

    /**
     * Registers a model, or returns the existing one with the same identifier and source.
     *
     * @throws ApiProblem 400 naming the field at fault, 409 when the identifier has another source
     */
    @Transactional
    public Registered register(ModelRegistration request) {
        if (request == null) {
            throw ApiProblem.invalid("body", "a JSON object with 'path' or 'hubRepository' is required");
        }
        boolean local = request.path() != null && !request.path().isBlank();
        boolean hub = request.hubRepository() != null && !request.hubRepository().isBlank();
        if (local == hub) {
            throw ApiProblem.invalid(local ? "hubRepository" : "path",
                    "give exactly one of 'path' (a local model) or 'hubRepository' (with 'revision')");
        }
        ModelEntity model = new ModelEntity();
        if (local) {
            Path real = new ModelPaths(settings.modelRoots()).check(request.path());
            model.sourceKind = ModelSourceKind.LOCAL;
            model.source = real.toString();
            model.identifier = request.identifier() != null ? request.identifier() : real.getFileName().toString();
        } else {
            if (!HUB_REPOSITORY.matcher(request.hubRepository()).matches() || request.hubRepository().contains("..")) {
                throw ApiProblem.invalid("hubRepository", "'" + request.hubRepository()
                        + "' is not a Hub repository id (owner/name)");
            }
            if (request.revision() == null || !REVISION.matcher(request.revision()).matches()
                    || request.revision().contains("..")) {
                throw ApiProblem.invalid("revision", "a Hub model needs a 'revision' (commit, branch or tag), got '"
                        + request.revision() + "'");
            }
            model.sourceKind = ModelSourceKind.HUB;
            model.source = request.hubRepository();
            model.revision = request.revision();
            model.identifier = request.identifier() != null ? request.identifier() : request.hubRepository();
        }
        if (!IDENTIFIER.matcher(model.identifier).matches()) {
            throw ApiProblem.invalid("identifier", "'" + model.identifier + "' is not a valid identifier (letters,"
                    + " digits and _ . - / @ +, at most 200)");
        }
        ModelEntity existing = models.findByIdentifier(model.identifier).orElse(null);
        if (existing != null) {
            if (existing.sourceKind == model.sourceKind && existing.source.equals(model.source)
                    && Objects.equals(existing.revision, model.revision)) {
                return new Registered(existing, false);
            }
            throw ApiProblem.conflict("identifier", "model '" + model.identifier + "' is already registered with"
                    + " another source (" + existing.source + "); choose another identifier");
        }
        try {
            plugins.registry().subjectFor(model.reference());
        } catch (ScoringException e) {
            throw ApiProblem.invalid(local ? "path" : "hubRepository", e.getMessage());
        }
        if (request.parameterCount() != null && request.parameterCount() <= 0) {
            throw ApiProblem.invalid("parameterCount", "must be positive, got " + request.parameterCount());
        }
        ModelDescription described = (local ? describe(Path.of(model.source)) : ModelDescription.UNKNOWN)
                .overriddenBy(request.architecture(), request.parameterCount(), request.dtype());
        model.architecture = described.architecture();
        model.parameterCount = described.parameterCount();
        model.dtype = described.dtype();
        model.submitter = request.submitter();
        model.publicModel = request.publicModel() == null || request.publicModel();
        model.metadata = Json.write(json, request.metadata() == null ? Map.of() : request.metadata());
        model.registeredAt = Instant.now();
        models.persist(model);
        models.flush();
        events.publish(PlatformEvent.of(EventType.MODEL_REGISTERED).model(model.id));
        return new Registered(model, true);
    }

    /** @return what the folder's config.json and safetensors headers say; nothing when they cannot be read */
    private ModelDescription describe(Path folder) {
        try {
            return ModelDescription.of(folder, json);
        } catch (IOException | RuntimeException e) {
            LOG.infof("model folder %s describes nothing readable (%s); its architecture and size stay unknown",
                    folder, e.getMessage());
            return ModelDescription.UNKNOWN;
        }
    }
}
