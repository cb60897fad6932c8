/**
 * Unpacks DJL's native libraries (libtorch with its JNI bridge, and the HuggingFace tokenizers library)
 * from their jars into {@code DJL_CACHE_DIR} by loading them once, so that an image carries them
 * unpacked. Run by docker/Dockerfile as a single-file program with the application's jars on the class
 * path; it fails (exit 1) when either library cannot be loaded.
 */
public final class UnpackDjlNatives {
    private UnpackDjlNatives() {
    }

    public static void main(String[] args) {
        ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine("PyTorch");
        ai.djl.huggingface.tokenizers.jni.LibUtils.checkStatus();
        System.out.println("DJL natives unpacked: " + engine.getEngineName() + " " + engine.getVersion()
                + ", tokenizers, in " + System.getenv("DJL_CACHE_DIR"));
    }
}
