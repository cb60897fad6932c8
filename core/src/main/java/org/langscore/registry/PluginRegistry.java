package org.langscore.registry;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.Plugin;
import org.langscore.spi.PluginCommand;
import org.langscore.spi.ScoringException;
import org.langscore.spi.SubjectFactory;

/**
 * The subject and benchmark factories of all loaded plugins, by identifier. Registration fails on a
 * duplicate identifier and logs one line per factory. Not thread-safe while registering; safe to
 * read from many threads afterwards.
 */
public final class PluginRegistry {
    private static final System.Logger LOG = System.getLogger(PluginRegistry.class.getName());

    private final Map<String, SubjectFactory> subjects = new TreeMap<>();
    private final Map<String, BenchmarkFactory> benchmarks = new TreeMap<>();
    private final Map<String, PluginCommand> commands = new TreeMap<>();
    private final Map<String, String> origins = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    /**
     * Registers every factory of a plugin.
     *
     * @param plugin the plugin
     * @param origin where it came from (a jar path or "class path"), for messages
     * @throws ScoringException with {@link ErrorCode#DUPLICATE_IDENTIFIER} when an id is taken
     */
    public void register(Plugin plugin, String origin) {
        List<SubjectFactory> newSubjects = plugin.subjectFactories();
        List<BenchmarkFactory> newBenchmarks = plugin.benchmarkFactories();
        // Check the whole plugin first, so that a rejected plugin leaves nothing behind.
        List<String> ids = new ArrayList<>();
        for (SubjectFactory factory : newSubjects) {
            checkFree("subject", factory.id(), subjects.containsKey(factory.id()) || ids.contains("s:" + factory.id()),
                    plugin, origin);
            ids.add("s:" + factory.id());
        }
        for (BenchmarkFactory factory : newBenchmarks) {
            checkFree("benchmark", factory.id(),
                    benchmarks.containsKey(factory.id()) || ids.contains("b:" + factory.id()), plugin, origin);
            ids.add("b:" + factory.id());
        }
        List<PluginCommand> newCommands = plugin.commands();
        for (PluginCommand command : newCommands) {
            checkFree("command", command.name(),
                    commands.containsKey(command.name()) || ids.contains("c:" + command.name()), plugin, origin);
            ids.add("c:" + command.name());
        }
        for (PluginCommand command : newCommands) {
            commands.put(command.name(), command);
            origins.put("c:" + command.name(), origin);
        }
        for (SubjectFactory factory : newSubjects) {
            subjects.put(factory.id(), factory);
            origins.put("s:" + factory.id(), origin);
            LOG.log(Level.INFO, "registered subject {0} from {1} ({2})", factory.id(), plugin.name(), origin);
        }
        for (BenchmarkFactory factory : newBenchmarks) {
            benchmarks.put(factory.id(), factory);
            origins.put("b:" + factory.id(), origin);
            LOG.log(Level.DEBUG, "registered benchmark {0} from {1} ({2})", factory.id(), plugin.name(), origin);
        }
        LOG.log(Level.INFO, "registered plugin {0} from {1}: {2} subject(s), {3} benchmark(s)", plugin.name(), origin,
                newSubjects.size(), newBenchmarks.size());
    }

    private void checkFree(String kind, String id, boolean taken, Plugin plugin, String origin) {
        if (id == null || id.isBlank()) {
            throw new ScoringException(ErrorCode.PLUGIN_LOAD_FAILED,
                    "plugin " + plugin.name() + " (" + origin + ") has a " + kind + " factory without an id");
        }
        if (taken) {
            String first = origins.getOrDefault(kind.charAt(0) + ":" + id, origin);
            throw new ScoringException(ErrorCode.DUPLICATE_IDENTIFIER, "duplicate " + kind + " id '" + id
                    + "': plugin " + plugin.name() + " (" + origin + ") registers it again; first registered from "
                    + first);
        }
    }

    /** Records a problem with a plugin that was skipped (a broken jar), for listings. */
    public void recordProblem(String problem) {
        problems.add(problem);
    }

    /** @return the problems of skipped plugins */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** @return the subject factories by id, sorted */
    public Map<String, SubjectFactory> subjects() {
        return Collections.unmodifiableMap(subjects);
    }

    /** @return the benchmark factories by id, sorted */
    public Map<String, BenchmarkFactory> benchmarks() {
        return Collections.unmodifiableMap(benchmarks);
    }

    /** @return the contributed command-line tools by name, sorted */
    public Map<String, PluginCommand> commands() {
        return Collections.unmodifiableMap(commands);
    }

    /** @return where the factory of a subject or benchmark id came from */
    public Optional<String> origin(String kind, String id) {
        return Optional.ofNullable(origins.get(kind.charAt(0) + ":" + id));
    }

    /**
     * Finds a benchmark factory.
     *
     * @throws ScoringException with {@link ErrorCode#UNKNOWN_BENCHMARK} naming the id and the known ones
     */
    public BenchmarkFactory benchmark(String id) {
        BenchmarkFactory factory = benchmarks.get(id);
        if (factory == null) {
            throw new ScoringException(ErrorCode.UNKNOWN_BENCHMARK, "unknown benchmark '" + id + "'; known: "
                    + (benchmarks.isEmpty() ? "none (no benchmark plugin is loaded)" : String.join(", ", benchmarks.keySet())));
        }
        return factory;
    }

    /**
     * Chooses the subject factory for a model reference: {@code <id>:<reference>} names it, otherwise
     * the first factory (by id) that supports the reference.
     *
     * @return the factory and the reference without the factory prefix
     * @throws ScoringException with {@link ErrorCode#UNKNOWN_MODEL} naming the reference
     */
    public SubjectChoice subjectFor(String modelReference) {
        int colon = modelReference.indexOf(':');
        if (colon > 0) {
            SubjectFactory named = subjects.get(modelReference.substring(0, colon));
            if (named != null) {
                return new SubjectChoice(named, modelReference.substring(colon + 1));
            }
        }
        for (SubjectFactory factory : subjects.values()) {
            if (factory.supports(modelReference)) {
                return new SubjectChoice(factory, modelReference);
            }
        }
        boolean folder = java.nio.file.Files.isDirectory(java.nio.file.Path.of(modelReference));
        throw new ScoringException(ErrorCode.UNKNOWN_MODEL, "no subject plugin accepts model '" + modelReference
                + (folder ? "' (a folder whose files no subject plugin recognises; a HuggingFace model folder holds"
                        + " config.json, tokenizer.json and model.safetensors)"
                        : "' (not a model folder, file or repo id that a plugin supports)") + "; subject plugins: "
                + (subjects.isEmpty() ? "none" : String.join(", ", subjects.keySet())));
    }

    /**
     * A subject factory chosen for a model reference.
     *
     * @param factory the factory
     * @param reference the reference to pass to it
     */
    public record SubjectChoice(SubjectFactory factory, String reference) {
    }
}
