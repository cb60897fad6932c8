package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ai.djl.ndarray.NDManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

class ModelLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsTheModelFacts() {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder("mistral-swa-0"))) {
            ModelInfo info = model.info();
            assertEquals("MistralForCausalLM", info.architecture());
            assertEquals("mistral", info.modelType());
            assertEquals(1000, info.vocabSize());
            assertEquals(64, info.maxPositionEmbeddings());
            assertEquals(8, info.slidingWindow());
            assertFalse(info.absolutePositions());
            assertTrue(info.parameterCount() > 0);
        }
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder("gpt2-0"))) {
            assertTrue(model.info().absolutePositions());
            assertEquals(0, model.info().slidingWindow());
        }
    }

    @Test
    void missingFolderAndConfigAreFileNotFound() throws IOException {
        ScoringException noFolder = assertThrows(ScoringException.class, () -> ModelLoader.load(dir.resolve("nope")));
        assertEquals(ErrorCode.FILE_NOT_FOUND, noFolder.code());
        assertTrue(noFolder.getMessage().contains("nope"));
        ScoringException noConfig = assertThrows(ScoringException.class, () -> ModelLoader.load(dir));
        assertEquals(ErrorCode.FILE_NOT_FOUND, noConfig.code());
        assertTrue(noConfig.getMessage().contains("config.json"), noConfig.getMessage());
    }

    @Test
    void unknownArchitectureIsNamed() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{\"architectures\": [\"BertForMaskedLM\"], \"model_type\": \"bert\"}");
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(dir));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("BertForMaskedLM") && e.getMessage().contains("config.json"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        for (String supported : new String[] {"FalconForCausalLM", "GPT2LMHeadModel", "GPTNeoForCausalLM",
            "GPTNeoXForCausalLM", "GemmaForCausalLM", "LlamaForCausalLM", "MPTForCausalLM", "MistralForCausalLM",
            "MptForCausalLM", "OPTForCausalLM", "OpenAIGPTLMHeadModel", "PhiForCausalLM", "Qwen2ForCausalLM"}) {
            assertTrue(e.getMessage().contains(supported), "the message lists " + supported + ": " + e.getMessage());
        }
    }

    /** Each new family's facts, and the default context policy they imply (learned positions: strided). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "opt-0, OPTForCausalLM, opt, true, strided",
        "gpt_neo-0, GPTNeoForCausalLM, gpt_neo, true, strided",
        "openai-gpt-0, OpenAIGPTLMHeadModel, openai-gpt, true, strided",
        "phi-0, PhiForCausalLM, phi, false, sliding",
        "gemma-0, GemmaForCausalLM, gemma, false, sliding",
        "mpt-0, MptForCausalLM, mpt, false, sliding"})
    void newFamiliesReadTheirFactsAndDefaultPolicy(String fixture, String architecture, String modelType,
                                                   boolean absolute, String policy) {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture))) {
            ModelInfo info = model.info();
            assertEquals(architecture, info.architecture());
            assertEquals(modelType, info.modelType());
            assertEquals(1000, info.vocabSize());
            assertEquals(64, info.maxPositionEmbeddings());
            assertEquals(0, info.slidingWindow(), "GPT-Neo's local window is per layer, not the model's window");
            assertEquals(absolute, info.absolutePositions());
            assertTrue(info.parameterCount() > 0);
            assertEquals(policy, org.langscore.huggingface.policy.ContextPolicies.defaultFor(info).name());
        }
    }

    /** Real MPT checkpoints name the remote-code class {@code MPTForCausalLM}: the same model. */
    @Test
    void mptLoadsUnderItsRemoteCodeName() throws IOException {
        Path folder = copyFixture("mpt-0");
        Files.writeString(folder.resolve("config.json"), Files.readString(folder.resolve("config.json"))
                .replace("\"MptForCausalLM\"", "\"MPTForCausalLM\""));
        int[] ids = {5, 17, 3, 99, 250, 7};
        try (CausalLanguageModel original = ModelLoader.load(Fixtures.folder("mpt-0"));
             CausalLanguageModel alias = ModelLoader.load(folder);
             KvCache a = original.newCache();
             KvCache b = alias.newCache()) {
            assertEquals("MPTForCausalLM", alias.info().architecture());
            assertArrayEquals(original.forward(a, ids, Fixtures.positions(6), Fixtures.nextTargets(ids), 0).logProbs(),
                    alias.forward(b, ids, Fixtures.positions(6), Fixtures.nextTargets(ids), 0).logProbs(), 0.0);
        }
    }

    /** Options transformers' MPT silently ignores would give wrong numbers: refused, naming the field. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "\"model_type\": \"\"|\"model_type\": \"\", \"qk_ln\": true|attn_config.qk_ln",
        "\"model_type\": \"\"|\"model_type\": \"\", \"clip_qkv\": 8|attn_config.clip_qkv",
        "\"no_bias\": true|\"no_bias\": false|no_bias"})
    void mptRefusesWhatTransformersIgnores(String from, String to, String field) throws IOException {
        Path folder = copyFixture("mpt-0");
        String config = Files.readString(folder.resolve("config.json"));
        assertTrue(config.contains(from), from);
        Files.writeString(folder.resolve("config.json"), config.replace(from, to));
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(folder));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains(field), e.getMessage());
    }

    @Test
    void gptNeoAttentionTypesMustCoverEveryLayer() throws IOException {
        Path folder = copyFixture("gpt_neo-0");
        String config = Files.readString(folder.resolve("config.json"));
        Files.writeString(folder.resolve("config.json"), config.replace("\"num_layers\": 2", "\"num_layers\": 3"));
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(folder));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("attention_types") && e.getMessage().contains("3"), e.getMessage());
    }

    @Test
    void shapeNotMatchingTheConfigNamesFileAndTensor() throws IOException {
        Path folder = copyFixture("gpt2-0");
        Files.writeString(folder.resolve("config.json"),
                Files.readString(folder.resolve("config.json")).replace("\"n_inner\": null", "\"n_inner\": 128"));
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(folder));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("transformer.h.0.mlp.c_fc.weight"), e.getMessage());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void untiedModelWithoutHeadIsRefused() throws IOException {
        Path folder = copyFixture("qwen2-0");
        Files.writeString(folder.resolve("config.json"), Files.readString(folder.resolve("config.json"))
                .replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false"));
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(folder));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("lm_head.weight"), e.getMessage());
    }

    @Test
    void unsupportedOptionsAreRefused() throws IOException {
        Path folder = copyFixture("falcon-0");
        Files.writeString(folder.resolve("config.json"),
                Files.readString(folder.resolve("config.json")).replace("\"alibi\": false", "\"alibi\": true"));
        ScoringException e = assertThrows(ScoringException.class, () -> ModelLoader.load(folder));
        assertEquals(ErrorCode.MODEL_LOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("alibi"), e.getMessage());
    }

    /**
     * A checkpoint stored without the base-model prefix, split into two shards, with the causal-mask
     * buffers old GPT-2 checkpoints carry, gives the same numbers as the fixture.
     */
    @Test
    void acceptsUnprefixedShardedCheckpointsWithBuffers() throws IOException {
        Path source = Fixtures.folder("gpt2-0");
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));
        SafetensorsWriter first = new SafetensorsWriter();
        SafetensorsWriter second = new SafetensorsWriter();
        StringBuilder weightMap = new StringBuilder();
        DjlEnvironment.init();
        try (SafetensorsFile st = SafetensorsFile.open(source.resolve("model.safetensors"));
             NDManager m = NDManager.newBaseManager("PyTorch")) {
            int i = 0;
            for (String name : st.names()) {
                String stripped = name.substring("transformer.".length());
                boolean toFirst = i++ % 2 == 0;
                (toFirst ? first : second).f32(stripped, st.entry(name).shape(), st.read(name, m).toFloatArray());
                weightMap.append(weightMap.length() == 0 ? "" : ",").append('"').append(stripped).append("\": \"")
                        .append(toFirst ? "a.safetensors" : "b.safetensors").append('"');
            }
        }
        first.f32("h.0.attn.bias", new long[] {1, 1, 2, 2}, 1f, 0f, 1f, 1f);
        weightMap.append(",\"h.0.attn.bias\": \"a.safetensors\"");
        first.write(dir.resolve("a.safetensors"));
        second.write(dir.resolve("b.safetensors"));
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE), "{\"weight_map\": {" + weightMap + "}}");

        int[] ids = {5, 17, 3, 99, 250, 7};
        try (CausalLanguageModel original = ModelLoader.load(source);
             CausalLanguageModel rewritten = ModelLoader.load(dir);
             KvCache a = original.newCache();
             KvCache b = rewritten.newCache()) {
            TokenScores x = original.forward(a, ids, Fixtures.positions(6), Fixtures.nextTargets(ids), 0);
            TokenScores y = rewritten.forward(b, ids, Fixtures.positions(6), Fixtures.nextTargets(ids), 0);
            assertArrayEquals(x.logProbs(), y.logProbs(), 0.0);
            assertEquals(original.info().parameterCount(), rewritten.info().parameterCount());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gpt2-0", "opt-0", "gpt_neo-0", "openai-gpt-0"})
    void learnedPositionsRefusePositionsBeyondTheirTable(String fixture) {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture));
             KvCache cache = model.newCache()) {
            ScoringException e = assertThrows(ScoringException.class,
                    () -> model.forward(cache, new int[] {1}, new long[] {64}, new int[] {-1}, 0));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertTrue(e.getMessage().contains("64"), e.getMessage());
        }
    }

    /** Native memory stays flat: after many calls the model holds only its weights and the cache's entries. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"llama-0", "gpt_neo-0", "mpt-0", "gemma-0"})
    void nativeMemoryStaysFlatAcrossCalls(String fixture) {
        try (CausalLanguageModel model = ModelLoader.load(Fixtures.folder(fixture));
             KvCache cache = model.newCache()) {
            DecoderModel decoder = (DecoderModel) model;
            int[] counts = new int[200];
            for (int i = 0; i < counts.length; i++) {
                // positions stay inside the learned tables of GPT-Neo (64 rows); the others do not care
                model.forward(cache, new int[] {i % 1000}, new long[] {i % 64}, new int[] {(i + 1) % 1000}, 16);
                if (cache.length() > 15) {
                    cache.evictOldest(cache.length() - 15);
                }
                counts[i] = decoder.liveArrayCount();
            }
            assertEquals(counts[20], counts[counts.length - 1], "live native arrays grew between call 20 and 200");
        }
    }

    private Path copyFixture(String fixture) throws IOException {
        Path folder = Files.createDirectory(dir.resolve(fixture));
        Path source = Fixtures.folder(fixture);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(source.resolve(file), folder.resolve(file));
        }
        return folder;
    }
}
