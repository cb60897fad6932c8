package org.langscore.huggingface.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class ContextPoliciesTest {

    private static final ModelInfo GPT2 = new ModelInfo("GPT2LMHeadModel", "gpt2", 50257, 1024, 0, true, 1);
    private static final ModelInfo LLAMA = new ModelInfo("LlamaForCausalLM", "llama", 32000, 2048, 0, false, 1);
    private static final ModelInfo MISTRAL = new ModelInfo("MistralForCausalLM", "mistral", 32000, 32768, 4096, false, 1);

    @Test
    void defaultsFollowThePositionKind() {
        ContextPolicy gpt2 = ContextPolicies.defaultFor(GPT2);
        assertEquals("strided", gpt2.name());
        assertEquals(Map.of("window", "1024", "stride", "512", "chunk", "512"), gpt2.parameters());
        ContextPolicy llama = ContextPolicies.defaultFor(LLAMA);
        assertEquals("sliding", llama.name());
        assertEquals(Map.of("window", "2048", "chunk", "512"), llama.parameters());
        assertEquals("4096", ContextPolicies.defaultFor(MISTRAL).parameters().get("window"));
        assertEquals("32768", ContextPolicies.forName("brainscore-kv", Map.of(), MISTRAL).parameters().get("window"));
    }

    @Test
    void parametersOverrideDefaults() {
        ContextPolicy strided = ContextPolicies.forName("strided", Map.of("window", "256", "stride", "64", "chunk", "32"),
                GPT2);
        assertEquals(Map.of("window", "256", "stride", "64", "chunk", "32"), strided.parameters());
        assertEquals(Map.of("window", "100"), ContextPolicies.forName("truncate", Map.of("window", "100"), LLAMA)
                .parameters());
        assertEquals("reset", ContextPolicies.forName("reset", Map.of(), GPT2).name());
    }

    @Test
    void badRequestsAreInvalidArguments() {
        assertInvalid("nope", Map.of(), LLAMA, "nope");
        assertInvalid("sliding", Map.of(), GPT2, "strided");
        assertInvalid("truncate", Map.of("stride", "3"), LLAMA, "stride");
        assertInvalid("strided", Map.of("window", "2048"), GPT2, "1024");
        assertInvalid("strided", Map.of("stride", "1024"), GPT2, "stride");
        assertInvalid("sliding", Map.of("chunk", "many"), LLAMA, "many");
        assertInvalid("sliding", Map.of("window", "1"), LLAMA, "window");
    }

    private static void assertInvalid(String name, Map<String, String> params, ModelInfo info, String mentioned) {
        ScoringException e = assertThrows(ScoringException.class, () -> ContextPolicies.forName(name, params, info));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }
}
