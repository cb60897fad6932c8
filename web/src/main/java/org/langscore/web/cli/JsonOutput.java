package org.langscore.web.cli;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/** The JSON writer of command output: NaN and infinities become null, so that the files are valid JSON. */
public final class JsonOutput {
    private static final ObjectMapper MAPPER = create();

    private JsonOutput() {
    }

    /** @return the shared, thread-safe mapper */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("langscore-numbers");
        module.addSerializer(Double.class, new FiniteOrNull());
        module.addSerializer(double.class, new FiniteOrNull());
        return new ObjectMapper().registerModule(module);
    }

    private static final class FiniteOrNull extends StdSerializer<Double> {
        private static final long serialVersionUID = 1L;

        FiniteOrNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            if (value == null || !Double.isFinite(value)) {
                generator.writeNull();
            } else {
                generator.writeNumber(value);
            }
        }
    }
}
