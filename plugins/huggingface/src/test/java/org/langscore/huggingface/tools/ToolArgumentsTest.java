package org.langscore.huggingface.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.spi.PluginContext;

/** The tools' one way of reading {@code --name value} pairs, and what the two commands make of it. */
class ToolArgumentsTest {
    @TempDir
    Path directory;

    @Test
    void pairsInOrderUntilHelpWhereANameIsExpected() {
        ToolArguments parsed = ToolArguments.of(List.of("--model", "--help", "--tokens", "8", "-h", "--reps", "2"));
        assertEquals(List.of(new ToolArguments.Option("--model", "--help"), new ToolArguments.Option("--tokens", "8")),
                parsed.options(), "a --help in a value's place is a value");
        assertTrue(parsed.help());
        assertNull(parsed.missingValue());
    }

    @Test
    void aLastNameWithoutValueIsNamed() {
        ToolArguments parsed = ToolArguments.of(List.of("--tokens", "8", "--reps"));
        assertEquals(List.of(new ToolArguments.Option("--tokens", "8")), parsed.options());
        assertFalse(parsed.help());
        assertEquals("--reps", parsed.missingValue());
    }

    @Test
    void theCommandsPrintUsageForHelpAndNameAnOptionWithoutValue() {
        for (var command : List.of(new GemmFloorCommand(), new RandomModelCommand())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertEquals(0, run(command, out, err, "--help"), err.toString());
            assertTrue(out.toString().startsWith("Usage: langscore " + command.name() + " "), out.toString());

            err = new StringWriter();
            assertEquals(2, run(command, new StringWriter(), err, "--seed"));
            assertTrue(err.toString().startsWith("langscore " + command.name() + ": option --seed needs a value"),
                    err.toString());

            // A bad option before --help is still reported first, as the pairs are handled in order.
            err = new StringWriter();
            assertEquals(2, run(command, new StringWriter(), err, "--bogus", "1", "--help"));
            assertTrue(err.toString().contains("unknown option '--bogus'"), err.toString());
        }
    }

    private int run(org.langscore.spi.PluginCommand command, StringWriter out, StringWriter err, String... arguments) {
        return command.run(List.of(arguments), new PrintWriter(out, true), new PrintWriter(err, true),
                new PluginContext(Map.of(), directory, directory));
    }
}
