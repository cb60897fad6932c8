package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * The family registry against the shared hf-tiny fixtures: each {@code model_type} and architecture name is
 * registered once, every fixture resolves to the family that loads it, every family has a fixture, and the
 * loader's error lists exactly the registered names.
 */
class ModelFamilyTest {

    @Test
    void eachModelTypeAndArchitectureIsRegisteredOnce() {
        List<String> types = Arrays.stream(ModelFamily.values()).map(ModelFamily::modelType).toList();
        assertEquals(types.size(), new HashSet<>(types).size(), "duplicate model_type in " + types);
        List<String> architectures = new ArrayList<>();
        for (ModelFamily family : ModelFamily.values()) {
            architectures.addAll(family.architectures());
            assertEquals(family, ModelFamily.ofModelType(family.modelType()).orElseThrow());
            for (String architecture : family.architectures()) {
                assertEquals(family, ModelFamily.ofArchitecture(architecture).orElseThrow(), architecture);
            }
        }
        assertEquals(architectures.size(), new HashSet<>(architectures).size(), "duplicate name in " + architectures);
        assertEquals(new TreeSet<>(architectures), ModelFamily.supportedArchitectures());
    }

    @Test
    void everyLlamaVariantIsItsOwnFamily() {
        Set<ModelFamily> families = EnumSet.noneOf(ModelFamily.class);
        for (LlamaConfig.Variant variant : LlamaConfig.Variant.values()) {
            assertTrue(families.add(variant.family()), variant + " shares a family");
        }
        assertEquals(EnumSet.of(ModelFamily.LLAMA, ModelFamily.MISTRAL, ModelFamily.QWEN2), families);
    }

    /** A fixture's config names its family twice (model_type and architectures); both must agree and load. */
    @Test
    void everyFixtureResolvesToTheFamilyThatLoadsItAndEveryFamilyHasOne() throws IOException {
        Set<ModelFamily> covered = EnumSet.noneOf(ModelFamily.class);
        List<Path> configs;
        try (Stream<Path> folders = Files.list(Fixtures.hfTiny())) {
            configs = folders.map(folder -> folder.resolve("config.json")).filter(Files::isRegularFile).sorted()
                    .toList();
        }
        assertFalse(configs.isEmpty(), "no fixture under " + Fixtures.hfTiny());
        for (Path config : configs) {
            JsonObject json = Fixtures.json(config);
            String modelType = json.get("model_type").getAsString();
            String architecture = json.getAsJsonArray("architectures").get(0).getAsString();
            ModelFamily family = ModelFamily.ofModelType(modelType)
                    .orElseThrow(() -> new AssertionError(config + ": model_type " + modelType + " has no family"));
            assertEquals(family, ModelFamily.ofArchitecture(architecture).orElseThrow(), config.toString());
            assertEquals(architecture, family.architecture(), config + ": transformers' own name comes first");
            try (CausalLanguageModel model = ModelLoader.load(config.getParent())) {
                assertEquals(modelType, model.info().modelType(), config.toString());
                assertEquals(architecture, model.info().architecture(), config.toString());
            }
            covered.add(family);
        }
        assertEquals(EnumSet.allOf(ModelFamily.class), covered, "every family has a fixture");
    }

    @Test
    void aConfigWithoutArchitecturesIsChosenByModelType(@TempDir Path dir) throws IOException {
        Path source = Fixtures.folder("llama-0");
        try (Stream<Path> files = Files.list(source)) {
            // config.json is written below; the copies keep the fixtures' read-only mode
            for (Path file : files.filter(f -> Files.isRegularFile(f) && !f.endsWith("config.json")).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Files.writeString(dir.resolve("config.json"), Files.readString(source.resolve("config.json"))
                .replaceAll("\"architectures\"\\s*:\\s*\\[[^\\]]*\\],?", ""));
        try (CausalLanguageModel model = ModelLoader.load(dir)) {
            assertEquals(ModelFamily.LLAMA.architecture(), model.info().architecture());
            assertEquals(ModelFamily.LLAMA.modelType(), model.info().modelType());
        }
    }

    @Test
    void anUnknownFamilyListsExactlyTheRegisteredNames(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"bert\"}");
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(dir));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("model_type 'bert'"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        int open = e.getMessage().indexOf("(supported: ");
        String listed = e.getMessage().substring(open + "(supported: ".length(), e.getMessage().lastIndexOf(')'));
        assertEquals(List.copyOf(ModelFamily.supportedArchitectures()), List.of(listed.split(", ")));
    }
}
