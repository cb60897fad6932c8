package org.langscore.huggingface;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
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
    void theWindowDefaultsToTheModelsAndAnOptionOverridesIt() {
        var info = new org.langscore.huggingface.model.ModelInfo("MistralForCausalLM", "mistral", 1000, 64, 8, false, 1);
        assertEquals("64", HuggingFaceSubjectFactory.policyFor(info, SubjectOptions.defaults()).parameters().get("window"));
        assertEquals("32", HuggingFaceSubjectFactory.policyFor(info, SubjectOptions.parse(Map.of("window", "32")))
                .parameters().get("window"));
    }
}
