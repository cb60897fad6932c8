package org.langscore.huggingface.model;

/**
 * Puts DJL into the only mode langscore allows before its first use: offline (nothing downloaded at
 * run time), no usage tracking (DJL would otherwise call a non-loopback address when its engine class
 * loads), and PyTorch as the default engine (the tokenizers jar registers a second engine).
 */
public final class DjlEnvironment {

    private DjlEnvironment() {
    }

    /** Sets the DJL system properties; idempotent and cheap, call it before any DJL class loads. */
    public static void init() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
    }
}
