package org.langscore.web.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.langscore.db.BenchmarkEntity;
import org.langscore.db.EvaluationJobEntity;
import org.langscore.web.api.BearerTokens;
import org.langscore.web.service.ApiProblem;
import org.langscore.web.service.EvaluationRequest;
import org.langscore.web.service.EvaluationService;
import org.langscore.web.service.ModelRegistration;
import org.langscore.web.service.ModelService;
import org.langscore.web.service.PlatformSettings;

/**
 * The submit form: registers a model (a local path on the server, or a Hub repository with its
 * revision) and queues it on the chosen benchmarks through the platform's services. Like every write
 * of the API it needs one of the operator's tokens. A refused submission comes back with the message
 * next to the field at fault; an accepted one goes to the jobs page.
 */
@Path("/submit")
public class SubmitPage {
    /** The form's source choice for a local model. */
    public static final String LOCAL = "local";
    /** The form's source choice for a Hub model. */
    public static final String HUB = "hub";

    @Inject
    PageData data;

    @Inject
    ModelService models;

    @Inject
    EvaluationService evaluations;

    @Inject
    PlatformSettings settings;

    /** What the form holds. */
    public record Form(String source, String path, String hubRepository, String revision, String identifier,
                       String architecture, String parameterCount, String dtype, String submitter, String policy,
                       List<String> benchmarks) {
        public Form {
            source = HUB.equals(source) ? HUB : LOCAL;
            benchmarks = benchmarks == null ? List.of() : List.copyOf(benchmarks);
        }

        /** @return whether a benchmark is ticked */
        public boolean chosen(String benchmark) {
            return benchmarks.contains(benchmark);
        }

        /** @return whether the Hub source is chosen */
        public boolean hub() {
            return HUB.equals(source);
        }

        static Form empty() {
            return new Form(LOCAL, "", "", "", "", "", "", "", "", "", List.of());
        }
    }

    /** A benchmark the form offers. */
    public record Choice(String identifier, String parent, String description) {
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance get() {
        return Templates.submit(Form.empty(), Map.of(), choices());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response post(@FormParam("token") String token, @FormParam("source") String source,
                         @FormParam("path") String path, @FormParam("hubRepository") String hubRepository,
                         @FormParam("revision") String revision, @FormParam("identifier") String identifier,
                         @FormParam("architecture") String architecture,
                         @FormParam("parameterCount") String parameterCount, @FormParam("dtype") String dtype,
                         @FormParam("submitter") String submitter, @FormParam("policy") String policy,
                         @FormParam("benchmarks") List<String> benchmarks) {
        Form form = new Form(source, path, hubRepository, revision, identifier, architecture, parameterCount, dtype,
                submitter, policy, benchmarks);
        Map<String, String> errors = new LinkedHashMap<>();
        BearerTokens tokens = new BearerTokens(settings.apiTokens());
        if (tokens.isEmpty()) {
            errors.put("token", "writes are disabled: the server has no API token (set langscore.api.tokens)");
        } else if (!tokens.accepts(blankToNull(token))) {
            errors.put("token", token == null || token.isBlank() ? "an API token is needed to submit"
                    : "this is not one of the server's API tokens");
        }
        Long parameters = null;
        try {
            parameters = ParameterCount.parse("parameterCount", parameterCount);
        } catch (IllegalArgumentException e) {
            errors.put("parameterCount", e.getMessage());
        }
        if (form.hub()) {
            if (blankToNull(hubRepository) == null) {
                errors.put("hubRepository", "give the Hub repository id (owner/name)");
            }
            if (blankToNull(revision) == null) {
                errors.put("revision", "give the revision to pin (a commit, branch or tag)");
            }
        } else if (blankToNull(path) == null) {
            errors.put("path", "give the absolute path of the model folder on the server");
        }
        if (form.benchmarks().isEmpty()) {
            errors.put("benchmarks", "choose at least one benchmark");
        }
        if (!errors.isEmpty()) {
            return invalid(form, errors);
        }
        String modelIdentifier;
        try {
            modelIdentifier = models.register(new ModelRegistration(blankToNull(identifier),
                    form.hub() ? null : path.strip(), form.hub() ? hubRepository.strip() : null,
                    form.hub() ? revision.strip() : null, blankToNull(architecture), parameters, blankToNull(dtype),
                    blankToNull(submitter), true, Map.of())).model().identifier;
        } catch (ApiProblem e) {
            errors.put(formField(e.field()), e.getMessage());
            return invalid(form, errors);
        }
        List<EvaluationJobEntity> jobs;
        try {
            jobs = evaluations.submit(new EvaluationRequest(modelIdentifier, null, form.benchmarks(), blankToNull(policy)));
        } catch (ApiProblem e) {
            errors.put(formField(e.field()), e.getMessage());
            return invalid(form, errors);
        }
        return Response.seeOther(URI.create("/jobs?model=" + URLEncoder.encode(modelIdentifier, StandardCharsets.UTF_8)
                + "&submitted=" + jobs.size())).build();
    }

    private Response invalid(Form form, Map<String, String> errors) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.TEXT_HTML)
                .entity(Templates.submit(form, errors, choices())).build();
    }

    /** The form field a problem of the platform names ("benchmarks[2]" is the benchmarks field). */
    static String formField(String field) {
        if (field == null) {
            return "form";
        }
        String base = field.replaceAll("\\[\\d+]$", "");
        Set<String> known = Set.of("path", "hubRepository", "revision", "identifier", "architecture", "parameterCount",
                "dtype", "submitter", "policy", "benchmarks");
        return known.contains(base) ? base : base.equals("model") ? "identifier" : "form";
    }

    private List<Choice> choices() {
        List<Choice> choices = new ArrayList<>();
        for (BenchmarkEntity benchmark : data.latestBenchmarks()) {
            choices.add(new Choice(benchmark.identifier, benchmark.parent, benchmark.description));
        }
        return choices;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
