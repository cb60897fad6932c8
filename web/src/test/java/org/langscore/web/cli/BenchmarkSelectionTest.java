package org.langscore.web.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.langscore.registry.PluginLoader;
import org.langscore.registry.PluginRegistry;
import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.ScoringException;

/** Group selection over the real built-in plugins. */
class BenchmarkSelectionTest {
    private final PluginRegistry registry = PluginLoader.loadAll(getClass().getClassLoader(),
            java.nio.file.Path.of("target/no-plugins-here"));

    private List<String> ids(String value) {
        return BenchmarkSelection.select(registry, value).stream().map(BenchmarkFactory::id).toList();
    }

    @Test
    void exactIdPrefixGroupAndParent() {
        assertEquals(List.of("syntaxgym-mvrr"), ids("syntaxgym-mvrr"));
        List<String> syntaxgym = ids("syntaxgym");
        // The aggregate computes its 31 suites itself: they are not run again; the 2 others are.
        assertEquals(List.of("syntaxgym-2020", "syntaxgym-fgd-embed3", "syntaxgym-fgd-embed4"), syntaxgym);
        assertTrue(ids("behavior").containsAll(List.of("Futrell2018-pearsonr", "Futrell2018-pearsonr-story")));
        assertThrows(ScoringException.class, () -> ids("nothing-like-this"));
    }
}
