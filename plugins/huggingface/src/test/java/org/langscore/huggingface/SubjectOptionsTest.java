package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.langscore.huggingface.model.ProductPrecision;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** Options: defaults, explicit keys, and errors that name the key and value. */
class SubjectOptionsTest {

    @Test
    void noOptionsMeanModelDefaults() {
        SubjectOptions options = SubjectOptions.parse(Map.of());
        assertEquals(SubjectOptions.defaults(), options);
        assertNull(options.policy());
        assertTrue(options.window().isEmpty() && options.stride().isEmpty() && options.chunk().isEmpty());
        assertTrue(options.asMap().isEmpty());
    }

    @Test
    void explicitKeysAreRead() {
        SubjectOptions options = SubjectOptions.parse(Map.of("policy", " strided ", "window", "1024", "stride", "512",
                "chunk", "128"));
        assertEquals("strided", options.policy());
        assertEquals(OptionalInt.of(1024), options.window());
        assertEquals(OptionalInt.of(512), options.stride());
        assertEquals(OptionalInt.of(128), options.chunk());
        assertEquals(Map.of("policy", "strided", "window", "1024", "stride", "512", "chunk", "128"), options.asMap());
    }

    @Test
    void badValuesAndUnknownKeysAreNamed() {
        for (Map.Entry<String, String> bad : Map.of("window", "0", "stride", "x", "chunk", "1.5").entrySet()) {
            ScoringException e = assertThrows(ScoringException.class,
                    () -> SubjectOptions.parse(Map.of(bad.getKey(), bad.getValue())));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("'" + bad.getKey() + "'") && e.getMessage().contains(bad.getValue()),
                    e.getMessage());
        }
        ScoringException unknown = assertThrows(ScoringException.class, () -> SubjectOptions.parse(Map.of("windw", "8")));
        assertTrue(unknown.getMessage().contains("windw") && unknown.getMessage().contains("window"), unknown.getMessage());
    }

    @Test
    void thePolicyDefaultsToTheModelsAndOptionsOverrideIt() {
        var mistral = new org.langscore.huggingface.model.ModelInfo("MistralForCausalLM", "mistral", 1000, 64, 8, false, 1);
        var gpt2 = new org.langscore.huggingface.model.ModelInfo("GPT2LMHeadModel", "gpt2", 1000, 64, 0, true, 1);
        var sliding = HuggingFaceSubjectFactory.policyFor(mistral, SubjectOptions.defaults());
        assertEquals("sliding", sliding.name());
        assertEquals("8", sliding.parameters().get("window"), "the model's own sliding window");
        var strided = HuggingFaceSubjectFactory.policyFor(gpt2, SubjectOptions.defaults());
        assertEquals("strided", strided.name());
        assertEquals(Map.of("window", "64", "stride", "32", "chunk", "64"), strided.parameters());

        var custom = HuggingFaceSubjectFactory.policyFor(gpt2, SubjectOptions.parse(Map.of("window", "32", "stride", "8")));
        assertEquals("strided", custom.name(), "window and stride alone keep the model's default policy");
        assertEquals(Map.of("window", "32", "stride", "8", "chunk", "32"), custom.parameters());
        var truncate = HuggingFaceSubjectFactory.policyFor(mistral, SubjectOptions.parse(Map.of("policy", "truncate",
                "window", "16")));
        assertEquals("truncate", truncate.name());
        assertEquals(Map.of("window", "16"), truncate.parameters());

        ScoringException unknown = assertThrows(ScoringException.class,
                () -> HuggingFaceSubjectFactory.policyFor(gpt2, SubjectOptions.parse(Map.of("policy", "nonsense"))));
        assertEquals(ErrorCode.INVALID_ARGUMENT, unknown.code());
        assertTrue(unknown.getMessage().contains("nonsense"), unknown.getMessage());
    }
    @Test
    void dtypeDefaultsToFloat32AndBfloat16IsReadAndKeptOutOfThePolicy() {
        assertEquals(ProductPrecision.FLOAT32, SubjectOptions.parse(Map.of()).dtype());
        SubjectOptions bf16 = SubjectOptions.parse(Map.of("dtype", " BFloat16 ", "policy", "strided"));
        assertEquals(ProductPrecision.BFLOAT16, bf16.dtype());
        assertEquals(Map.of("policy", "strided", "dtype", "bfloat16"), bf16.asMap());
        assertEquals(ProductPrecision.FLOAT32, SubjectOptions.parse(Map.of("dtype", "float32")).dtype());
        var gpt2 = new org.langscore.huggingface.model.ModelInfo("GPT2LMHeadModel", "gpt2", 1000, 64, 0, true, 1);
        assertEquals(Map.of("window", "64", "stride", "32", "chunk", "64"),
                HuggingFaceSubjectFactory.policyFor(gpt2, bf16).parameters(), "dtype is not a policy parameter");
        ScoringException bad = assertThrows(ScoringException.class, () -> SubjectOptions.parse(Map.of("dtype", "fp8")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, bad.code());
        assertTrue(bad.getMessage().contains("'dtype'") && bad.getMessage().contains("fp8")
                && bad.getMessage().contains("bfloat16"), bad.getMessage());
    }

    @Test
    void aBfloat16SubjectSaysSoInItsSettings(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) {
        var context = new org.langscore.spi.PluginContext(Map.of("hub.offline", "true"), home.resolve("cache"), home);
        var factory = new HuggingFaceSubjectFactory(Map.of());
        String folder = SharedFixtures.fixture("gpt2-0").toString();
        try (var subject = factory.create(folder, Map.of("dtype", "bfloat16"), context)) {
            assertEquals("bfloat16", subject.settings().get("dtype"));
        }
        try (var subject = factory.create(folder, Map.of(), context)) {
            assertEquals("float32", subject.settings().get("dtype"));
        }
    }
}
