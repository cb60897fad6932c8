package org.langscore.huggingface.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ContextStringTest {

    @Test
    void joinsPartsWithOneSpaceAndDropsBlankOnes() {
        ContextString context = ContextString.of(List.of("As the criminal", "shot", "", "the woman", "  ", "yelled"));
        assertEquals("As the criminal shot the woman yelled", context.text());
        assertArrayEquals(new int[] {0, 16, -1, 21, -1, 31}, context.partStarts());
        assertArrayEquals(new int[] {15, 20, -1, 30, -1, 37}, context.partEnds());
        assertTrue(context.isDropped(2));
        assertTrue(context.isDropped(4));
    }

    @Test
    void putsNoSpaceBeforePunctuationParts() {
        for (String mark : List.of(".", ",", "!", "?", ";", ":")) {
            ContextString context = ContextString.of(List.of("shot", mark, "the woman"));
            assertEquals("shot" + mark + " the woman", context.text(), "mark " + mark);
        }
        assertEquals("said \"yes\" (maybe)", ContextString.of(List.of("said", "\"yes\"", "(maybe)")).text());
        assertEquals(", then", ContextString.of(List.of(",", "then")).text(), "a first part keeps its punctuation");
    }

    @Test
    void emptyTextGivesAnEmptyString() {
        ContextString context = ContextString.of(List.of("", " "));
        assertEquals("", context.text());
        assertEquals(2, context.partCount());
        assertEquals(0, ContextString.of(List.of()).partCount());
    }

    @Test
    void rejectsNullParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextString.of(Arrays.asList("a", null)));
        assertTrue(e.getMessage().contains("part 1"), e.getMessage());
    }
}
