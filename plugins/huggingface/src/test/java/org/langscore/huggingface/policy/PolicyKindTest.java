package org.langscore.huggingface.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.langscore.huggingface.SubjectOptions;
import org.langscore.huggingface.model.ModelInfo;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** The policy registry: each kind once, each buildable from its defaults, and errors that list exactly the kinds. */
class PolicyKindTest {

    private static final ModelInfo GPT2 = new ModelInfo("GPT2LMHeadModel", "gpt2", 50257, 1024, 0, true, 1);
    private static final ModelInfo LLAMA = new ModelInfo("LlamaForCausalLM", "llama", 32000, 2048, 0, false, 1);

    @Test
    void eachNameIsRegisteredOnceAndFindsItsKind() {
        List<String> labels = PolicyKind.labels();
        assertEquals(PolicyKind.values().length, new HashSet<>(labels).size(), "duplicate name in " + labels);
        for (PolicyKind kind : PolicyKind.values()) {
            assertEquals(kind, PolicyKind.of(kind.label()));
        }
        assertEquals(List.of("truncate", "sliding", "strided", "brainscore-kv", "reset"), labels,
                "the names users type and scores record must not change");
    }

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void everyKindIsBuiltFromItsDefaultsAsItself(PolicyKind kind) {
        ContextPolicy policy = kind.build(Map.of(), LLAMA);
        assertEquals(kind.label(), policy.name(), "build returns the policy registered under the name");
        assertEquals(kind.parameters(), policy.parameters().keySet(),
                "the parameters a kind accepts are those its policy records");
        assertEquals(Integer.toString(kind.defaultWindow(LLAMA)), policy.parameters().get(PolicyKind.WINDOW));
        assertEquals(kind, PolicyKind.of(ContextPolicies.forName(kind.label(), Map.of(), LLAMA).name()));
    }

    @ParameterizedTest
    @EnumSource(PolicyKind.class)
    void everyKindTakesOnlyTheKnownParameters(PolicyKind kind) {
        assertTrue(Set.of(PolicyKind.WINDOW, PolicyKind.STRIDE, PolicyKind.CHUNK).containsAll(kind.parameters()),
                kind + " takes " + kind.parameters());
        assertTrue(kind.parameters().contains(PolicyKind.WINDOW), kind + " has a window");
        for (String key : kind.parameters()) {
            assertEquals(kind.label(), kind.build(Map.of(key, "16"), LLAMA).name(), key);
        }
    }

    @Test
    void onlySlidingRefusesLearnedPositions() {
        for (PolicyKind kind : PolicyKind.values()) {
            if (kind == PolicyKind.SLIDING) {
                ScoringException e = assertThrows(ScoringException.class, () -> kind.build(Map.of(), GPT2));
                assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
                assertTrue(e.getMessage().contains("'strided'"), e.getMessage());
            } else {
                assertEquals(kind.label(), kind.build(Map.of(), GPT2).name());
            }
        }
        assertEquals(PolicyKind.STRIDED, PolicyKind.defaultFor(GPT2));
        assertEquals(PolicyKind.SLIDING, PolicyKind.defaultFor(LLAMA));
    }

    @Test
    void anUnknownNameListsExactlyTheRegisteredOnes() {
        ScoringException e = assertThrows(ScoringException.class, () -> PolicyKind.of("nope"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertEquals(PolicyKind.labels(), listedNames(e.getMessage()));
        assertTrue(e.getMessage().startsWith("Unknown context policy 'nope' (known: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());

        ScoringException early = assertThrows(ScoringException.class,
                () -> SubjectOptions.parse(Map.of("policy", "slidng")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, early.code());
        assertEquals(PolicyKind.labels(), listedNames(early.getMessage()), "the run options are checked against the kinds");
    }

    private static List<String> listedNames(String message) {
        int open = message.indexOf("(known: ");
        int close = message.lastIndexOf(')');
        assertTrue(open >= 0 && close > open, message);
        return Arrays.asList(message.substring(open + "(known: ".length(), close).split(", "));
    }
}
