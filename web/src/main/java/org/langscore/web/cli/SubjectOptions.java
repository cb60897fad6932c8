package org.langscore.web.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options that choose how a subject computes (context policy and its parameters), shared by commands. */
final class SubjectOptions {

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "A HuggingFace model folder, a Hub repo id (org/name[@revision]) or <plugin>:<reference>.")
    String model;

    // The names are the subject plugin's (huggingface: PolicyKind), which web reaches only through the SPI.
    @Option(names = "--policy", paramLabel = "NAME",
            description = "Context policy for long texts (default: the model's own); an unknown name lists the"
                    + " policies the subject knows.")
    String policy;

    @Option(names = "--window", paramLabel = "TOKENS", description = "Context window W (default: the model's).")
    Integer window;

    @Option(names = "--stride", paramLabel = "TOKENS", description = "Stride S of the strided policy (default W/2).")
    Integer stride;

    @Option(names = "--chunk", paramLabel = "TOKENS", description = "Tokens per forward pass when scoring a text.")
    Integer chunk;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DtypeConverter.class,
            description = "Precision of the weight products: float32 (default) or bfloat16.")
    String dtype;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "Further subject option.")
    Map<String, String> extra = new LinkedHashMap<>();

    /** @return the options handed to the subject factory */
    Map<String, String> asMap() {
        Map<String, String> options = new LinkedHashMap<>(extra);
        if (policy != null) {
            options.put("policy", policy);
        }
        if (window != null) {
            options.put("window", Integer.toString(window));
        }
        if (stride != null) {
            options.put("stride", Integer.toString(stride));
        }
        if (chunk != null) {
            options.put("chunk", Integer.toString(chunk));
        }
        if (dtype != null) {
            options.put("dtype", dtype);
        }
        return options;
    }

    /** Accepts the precisions a subject knows; anything else is a usage error naming the value. */
    static final class DtypeConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.equals("float32") && !value.equals("bfloat16")) {
                throw new TypeConversionException("must be float32 or bfloat16, got '" + value + "'");
            }
            return value;
        }
    }
}
