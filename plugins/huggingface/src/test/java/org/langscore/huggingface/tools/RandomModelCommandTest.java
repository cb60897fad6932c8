package org.langscore.huggingface.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.PluginContext;
import org.langscore.testing.SharedData;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class RandomModelCommandTest {
    static final Path SHARED = SharedData.root();

    @TempDir
    Path directory;

    private int run(StringWriter out, StringWriter err, String... arguments) {
        return new RandomModelCommand().run(List.of(arguments), new PrintWriter(out, true), new PrintWriter(err, true),
                new PluginContext(Map.of(), directory, directory));
    }

    @Test
    void writesASmallGpt2ShapedModelWithTheRightTensors() throws Exception {
        Path tokenizer = SHARED.resolve("fixtures/hf-tiny/gpt2-0/tokenizer.json");
        Path out = directory.resolve("model");
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = run(stdout, stderr, "--like", "gpt2", "--tokenizer", tokenizer.toString(), "--out", out.toString(),
                "--set", "n_layer=2", "--set", "n_embd=64", "--set", "n_head=4", "--set", "vocab_size=1000",
                "--set", "n_positions=64");
        assertEquals(0, code, stderr.toString());
        JsonObject config = JsonParser.parseString(Files.readString(out.resolve("config.json"))).getAsJsonObject();
        assertEquals(2, config.get("n_layer").getAsInt());
        assertEquals("GPT2LMHeadModel", config.getAsJsonArray("architectures").get(0).getAsString());
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
        // Read the safetensors header back: 2 embeddings + 12 per layer + final norm = 16 tensors.
        byte[] file = Files.readAllBytes(out.resolve("model.safetensors"));
        long headerLength = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "header padded to 8 bytes");
        JsonObject header = JsonParser.parseString(new String(file, 8, (int) headerLength, StandardCharsets.UTF_8))
                .getAsJsonObject();
        assertEquals(2 + 12 * 2 + 2 + 1, header.size(), "tensors plus __metadata__");
        JsonObject attention = header.getAsJsonObject("transformer.h.1.attn.c_attn.weight");
        assertEquals("[64,192]", attention.get("shape").toString());
        long dataEnd = 0;
        for (String name : header.keySet()) {
            if (!name.equals("__metadata__")) {
                dataEnd = Math.max(dataEnd, header.getAsJsonObject(name).getAsJsonArray("data_offsets").get(1).getAsLong());
            }
        }
        assertEquals(8 + headerLength + dataEnd, file.length, "data section ends at the file's end");
    }

    @Test
    void everyFamilyItWritesLoadsAndRuns() {
        Path tokenizer = SHARED.resolve("fixtures/hf-tiny/gpt2-0/tokenizer.json");
        Map<String, String[]> small = new java.util.LinkedHashMap<>(Map.of(
                "distilgpt2", new String[] {"n_layer=1", "n_embd=32", "n_head=4", "vocab_size=1000", "n_positions=64"},
                "pythia-160m", new String[] {"num_hidden_layers=1", "hidden_size=32", "num_attention_heads=4",
                    "intermediate_size=64", "vocab_size=1000", "max_position_embeddings=64"},
                "tinyllama-1.1b", new String[] {"num_hidden_layers=1", "hidden_size=32", "num_attention_heads=4",
                    "num_key_value_heads=2", "intermediate_size=64", "vocab_size=1000", "max_position_embeddings=64"},
                "mistral-7b", new String[] {"num_hidden_layers=1", "hidden_size=32", "num_attention_heads=4",
                    "num_key_value_heads=2", "intermediate_size=64", "vocab_size=1000", "max_position_embeddings=64",
                    "sliding_window=16"}));
        small.putAll(Map.of(
                "opt-125m", new String[] {"num_hidden_layers=1", "hidden_size=32", "num_attention_heads=4", "ffn_dim=64",
                    "word_embed_proj_dim=32", "vocab_size=1000", "max_position_embeddings=64"},
                // opt-350m: project_in/project_out (embeddings narrower than hidden) and post-LN blocks
                "opt-350m", new String[] {"num_hidden_layers=2", "hidden_size=32", "num_attention_heads=4", "ffn_dim=64",
                    "word_embed_proj_dim=16", "vocab_size=1000", "max_position_embeddings=64"},
                "gpt-neo-125m", new String[] {"num_layers=3", "hidden_size=32", "num_heads=4", "window_size=2",
                    "vocab_size=1000", "max_position_embeddings=64"},
                "phi-2", new String[] {"num_hidden_layers=1", "hidden_size=64", "num_attention_heads=4",
                    "num_key_value_heads=4", "intermediate_size=64", "vocab_size=1000", "max_position_embeddings=64"},
                "gemma-2b", new String[] {"num_hidden_layers=1", "hidden_size=32", "num_attention_heads=4",
                    "num_key_value_heads=1", "head_dim=16", "intermediate_size=64", "vocab_size=1000",
                    "max_position_embeddings=64"},
                "mpt-7b", new String[] {"n_layers=1", "d_model=32", "n_heads=4", "vocab_size=1000", "max_seq_len=64"},
                "openai-gpt", new String[] {"n_layer=1", "n_embd=32", "n_head=4", "vocab_size=1000", "n_positions=64"}));
        for (Map.Entry<String, String[]> entry : small.entrySet()) {
            Path out = directory.resolve(entry.getKey());
            java.util.List<String> arguments = new java.util.ArrayList<>(List.of("--like", entry.getKey(), "--tokenizer",
                    tokenizer.toString(), "--out", out.toString(), "--dtype", "f16"));
            for (String setting : entry.getValue()) {
                arguments.add("--set");
                arguments.add(setting);
            }
            StringWriter err = new StringWriter();
            assertEquals(0, run(new StringWriter(), err, arguments.toArray(String[]::new)), err.toString());
            try (org.langscore.huggingface.model.CausalLanguageModel model =
                         org.langscore.huggingface.model.ModelLoader.load(out);
                 org.langscore.huggingface.model.KvCache cache = model.newCache()) {
                org.langscore.huggingface.model.TokenScores scores = model.forward(cache, new int[] {5, 6, 7},
                        new long[] {0, 1, 2}, new int[] {6, 7, -1}, 0);
                // Random weights of standard deviation 0.02 give a nearly uniform next-token distribution.
                assertEquals(-Math.log(1000), scores.logProbs()[0], 0.5, entry.getKey());
                assertTrue(Double.isNaN(scores.logProbs()[2]));
                // The variants no fixture covers (OPT's project_in/out and post-LN, an odd GPT-Neo layer count)
                // still give the full pass's numbers token by token through the cache.
                try (org.langscore.huggingface.model.KvCache stepwise = model.newCache()) {
                    int[] ids = {5, 6, 7};
                    for (int i = 0; i < 2; i++) {
                        double one = model.forward(stepwise, new int[] {ids[i]}, new long[] {i}, new int[] {ids[i + 1]},
                                0).logProbs()[0];
                        assertEquals(scores.logProbs()[i], one, 1e-5, entry.getKey() + " token " + i + " via the cache");
                    }
                }
            }
        }
    }

    /** The published parameter counts of the real models the shapes copy (their model cards and papers). */
    @Test
    void headlineShapesHaveTheirRealParameterCounts() {
        assertEquals(6_921_720_704L, ModelShape.of("falcon-7b").parameterCount());
        assertEquals(11_846_072_320L, ModelShape.of("pythia-12b").parameterCount());
        assertEquals(7_241_732_096L, ModelShape.of("mistral-7b").parameterCount());
        assertEquals(1_100_048_384L, ModelShape.of("tinyllama-1.1b").parameterCount());
    }

    @Test
    void aSmallFalconSevenBShapeLoadsAndRuns() {
        Path tokenizer = SHARED.resolve("fixtures/hf-tiny/gpt2-0/tokenizer.json");
        Path out = directory.resolve("falcon");
        StringWriter err = new StringWriter();
        StringWriter stdout = new StringWriter();
        assertEquals(0, run(stdout, err, "--like", "falcon-7b", "--tokenizer", tokenizer.toString(), "--out",
                out.toString(), "--dtype", "bf16", "--set", "num_hidden_layers=2", "--set", "hidden_size=64",
                "--set", "num_attention_heads=4", "--set", "vocab_size=1000"), err.toString());
        assertTrue(stdout.toString().contains("parameters"), stdout.toString());
        try (org.langscore.huggingface.model.CausalLanguageModel model =
                     org.langscore.huggingface.model.ModelLoader.load(out);
             org.langscore.huggingface.model.KvCache cache = model.newCache()) {
            assertEquals("FalconForCausalLM", model.info().architecture());
            assertEquals(ModelShape.of("falcon-7b").with(Map.of("num_hidden_layers", "2", "hidden_size", "64",
                    "num_attention_heads", "4", "vocab_size", "1000")).parameterCount(), model.info().parameterCount());
            double[] logProbs = model.forward(cache, new int[] {5, 6, 7}, new long[] {0, 1, 2}, new int[] {6, 7, -1}, 0)
                    .logProbs();
            assertEquals(-Math.log(1000), logProbs[0], 0.5);
        }
    }

    /**
     * The zoo shapes are the released models' shapes: their tensors add up to the parameter counts
     * transformers reports for the released checkpoints ({@code model.num_parameters()}, tied heads counted
     * once).
     */
    @Test
    void zooShapesHaveThePublishedParameterCounts() {
        Map<String, Long> published = Map.of(
                "opt-125m", 125_239_296L, "opt-350m", 331_196_416L, "opt-2.7b", 2_651_596_800L,
                "gpt-neo-125m", 125_198_592L, "gpt-neo-1.3b", 1_315_575_808L, "phi-2", 2_779_683_840L,
                "gemma-2b", 2_506_172_416L, "mpt-7b", 6_649_286_656L, "openai-gpt", 116_534_784L);
        assertEquals(published.keySet(), new java.util.HashSet<>(ZooShapes.known()));
        for (Map.Entry<String, Long> entry : published.entrySet()) {
            long count = ModelShape.of(entry.getKey()).tensors().stream().mapToLong(ModelShape.TensorSpec::elements).sum();
            assertEquals(entry.getValue(), count, entry.getKey());
        }
    }

    @Test
    void sameSeedSameBytes() throws Exception {
        Path tokenizer = SHARED.resolve("fixtures/hf-tiny/gpt2-0/tokenizer.json");
        String[] common = {"--like", "pythia-160m", "--tokenizer", tokenizer.toString(), "--set", "num_hidden_layers=1",
            "--set", "hidden_size=32", "--set", "num_attention_heads=4", "--set", "intermediate_size=64",
            "--set", "vocab_size=100", "--dtype", "bf16"};
        assertEquals(0, run(new StringWriter(), new StringWriter(), concat(common, "--out", directory.resolve("a").toString())));
        assertEquals(0, run(new StringWriter(), new StringWriter(), concat(common, "--out", directory.resolve("b").toString())));
        assertArrayEquals(Files.readAllBytes(directory.resolve("a/model.safetensors")),
                Files.readAllBytes(directory.resolve("b/model.safetensors")));
    }

    @Test
    void badArgumentsAreUsageErrors() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(new StringWriter(), err, "--like", "gpt5", "--tokenizer", "t", "--out", "o"));
        assertTrue(err.toString().contains("unknown --like 'gpt5'"), err.toString());
        assertEquals(2, run(new StringWriter(), new StringWriter(), "--like"));
    }

    @Test
    void halfPrecisionRoundsToNearestEven() {
        assertEquals((short) 0x3C00, RandomModelWriter.toHalf(1.0f));
        assertEquals((short) 0xC000, RandomModelWriter.toHalf(-2.0f));
        assertEquals((short) 0x7BFF, RandomModelWriter.toHalf(65504f));
        assertEquals((short) 0x0001, RandomModelWriter.toHalf(5.9604645e-8f)); // smallest subnormal
        assertEquals((short) 0x3C00, RandomModelWriter.toHalf(1.0f + 1f / 4096)); // tie rounds to even
        assertEquals((short) 0x3F80, RandomModelWriter.toBfloat16(1.0f));
    }

    private static String[] concat(String[] first, String... second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
