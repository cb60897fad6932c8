package org.langscore.huggingface.tokenizer;

/**
 * Keeps DJL offline: it must neither call home (its usage tracking contacts 169.254.169.254 when a
 * tokenizer is created) nor download anything. The settings must be in place before the first DJL class
 * is used; an explicit setting by the user is kept.
 */
final class DjlSettings {
    private DjlSettings() {
    }

    /** Sets DJL's offline and tracking opt-out properties unless they are already set. */
    static synchronized void ensureOffline() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("OPT_OUT_TRACKING", "true");
        setIfAbsent("ai.djl.default_engine", "PyTorch");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
