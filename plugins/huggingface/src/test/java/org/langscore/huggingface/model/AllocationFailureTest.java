package org.langscore.huggingface.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.junit.jupiter.api.Test;

/** libtorch's own allocation failure is recognised, so that it becomes one INSUFFICIENT_MEMORY line. */
class AllocationFailureTest {

    @Test
    void anAllocationLibtorchCannotMakeIsRecognised() {
        DjlEnvironment.init();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // 16 TiB of floats: refused by the allocator at once, nothing is touched.
            EngineException e = assertThrows(EngineException.class,
                    () -> manager.zeros(new Shape(1L << 42), DataType.FLOAT32));
            assertTrue(DecoderModel.isAllocationFailure(e), e.getMessage());
        }
        assertTrue(!DecoderModel.isAllocationFailure(new EngineException("shape mismatch: [2, 3] and [4, 5]")));
    }
}
