package org.langscore.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ScoreAttributesTest {

    @Test
    void everyNamedAttributeFollowsTheOneStyleAndNoTwoConstantsShareAName() throws IllegalAccessException {
        Set<String> names = new HashSet<>();
        int constants = 0;
        for (Field field : ScoreAttributes.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                constants++;
                assertTrue(names.add(name), "two constants name " + name);
                if (!name.equals(ScoreAttributes.SUBJECT)) {
                    assertTrue(ScoreAttributes.isWellFormed(name), field.getName() + " = " + name);
                }
            }
        }
        assertTrue(constants > 20, "the constants were found: " + constants);
    }

    @Test
    void theStyleIsLowerCaseWordsJoinedByHyphensAndNamespacesByDots() {
        for (String good : new String[] {"words", "scored-words", "data.source", "subject.model.weights",
                "subject.mismatched-characters.text-1", "langscore.version"}) {
            assertTrue(ScoreAttributes.isWellFormed(good), good);
        }
        for (String bad : new String[] {"langscore_version", "subject_factory", "dataSource", "Data.source",
                "data..source", ".data", "data.", "data-", "", "data source"}) {
            assertFalse(ScoreAttributes.isWellFormed(bad), bad);
        }
    }

    @Test
    void theSubjectsSettingsAreEachUnderTheSubjectNamespaceBesideItsFactory() {
        Map<String, String> attributes = ScoreAttributes.ofSubject("huggingface",
                Map.of("chunk", "512", "model.weights", "1 file(s)"));
        assertEquals(Map.of("subject.chunk", "512", "subject.model.weights", "1 file(s)",
                "subject.factory", "huggingface"), attributes);
    }
}
