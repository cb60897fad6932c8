package org.langscore.syntaxgym.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.langscore.runtime.DataFile;
import org.langscore.syntaxgym.SharedData;

class SuiteCatalogTest {

    @Test
    void theCatalogueHasTheSharedDataSuitesAndTheirChecksums() {
        List<String> files = SharedData.suiteFiles().stream().map(SharedData::suiteName).toList();
        assertEquals(33, files.size());
        assertEquals(files, SuiteCatalog.all().stream().map(SuiteFile::name).toList());
        Map<String, String> sums = SharedData.checksums();
        for (SuiteFile suite : SuiteCatalog.all()) {
            assertEquals(sums.get(suite.relativePath()), suite.sha256(), suite.name());
        }
    }

    @Test
    void brainScoreUsesThirtyOneSuitesInItsOrder() {
        List<String> expected = SharedData.brainScoreSuites();
        assertEquals(31, expected.size());
        assertEquals(expected, SuiteCatalog.brainScore2020().stream().map(SuiteFile::name).toList());
        assertFalse(SuiteCatalog.named("fgd-embed3").orElseThrow().inBrainScore2020());
        assertFalse(SuiteCatalog.named("fgd-embed4").orElseThrow().inBrainScore2020());
    }

    @Test
    void everyFileNamesItselfInMeta() {
        for (Path file : SharedData.suiteFiles()) {
            assertEquals(SharedData.suiteName(file), SharedData.rawJson(file).getAsJsonObject("meta").get("name").getAsString());
        }
    }

    @Test
    void filesAreDownloadedFromThePinnedCommit() {
        DataFile file = SuiteCatalog.named("npz_obj").orElseThrow().dataFile(SuiteCatalog.DEFAULT_SOURCE);
        assertEquals(URI.create("https://raw.githubusercontent.com/cpllab/syntactic-generalization/"
                + "2f42038477a9f03ab66f308a963ed49864cd8111/test_suites/json/npz_obj.json"), file.source());
        assertEquals("syntaxgym/test_suites/json/npz_obj.json", file.relativePath());
    }
}
