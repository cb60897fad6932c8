package org.langscore.web.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ServerModeTest {
    @Test
    void portComesFromTheCommandLineOr8080() {
        assertEquals(8080, ServerMode.port(new String[] {"serve"}));
        assertEquals(9000, ServerMode.port(new String[] {"serve", "--port", "9000"}));
        assertEquals(9001, ServerMode.port(new String[] {"serve", "--port=9001"}));
        assertEquals(9002, ServerMode.port(new String[] {"-v", "serve", "-p", "9002", "--no-worker"}));
        assertEquals(8080, ServerMode.port(new String[] {"serve", "--port", "eighty"}), "picocli reports it");
    }

    @Test
    void workerOpensNoPortAndOtherCommandsGetNothing() {
        Map<String, String> worker = ServerMode.systemProperties(new String[] {"worker", "--id", "w1"});
        assertEquals("false", worker.get("quarkus.http.host-enabled"));
        assertTrue(ServerMode.systemProperties(new String[] {"list"}).isEmpty());
        assertTrue(ServerMode.systemProperties(new String[] {"score", "--model", "x"}).isEmpty());
        assertTrue(ServerMode.systemProperties(new String[] {}).isEmpty());
    }
}
