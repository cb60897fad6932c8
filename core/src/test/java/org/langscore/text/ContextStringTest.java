package org.langscore.text;

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
        int[] starts = {0, 16, -1, 21, -1, 31};
        int[] ends = {15, 20, -1, 30, -1, 37};
        for (int i = 0; i < starts.length; i++) {
            assertEquals(starts[i], context.partStart(i), "start of part " + i);
            assertEquals(ends[i], context.partEnd(i), "end of part " + i);
        }
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
        assertEquals("Hello, world! Yes: no.?; ok", ContextString.of(List.of("Hello", ",", "", "world", "!", " ", "Yes",
                ":", "no", ".", "?", ";", "ok")).text());
    }

    @Test
    void eachCharacterBelongsToItsPartAndJoiningSpacesToNone() {
        ContextString context = ContextString.of(List.of("The", "cat", "sat."));
        assertEquals(0, context.partAt(0));
        assertEquals(0, context.partAt(2));
        assertEquals(-1, context.partAt(3));
        assertEquals(1, context.partAt(4));
        assertEquals(2, context.partAt(11));
        assertEquals(1, context.partAtOrAfter(3));
        assertEquals(2, context.lastNonBlankPart());
        assertEquals("word 2 'cat'", context.describePart(1));
    }

    @Test
    void emptyTextGivesAnEmptyString() {
        ContextString context = ContextString.of(List.of("", " "));
        assertEquals("", context.text());
        assertEquals(2, context.partCount());
        assertEquals(-1, context.lastNonBlankPart());
        assertEquals(0, ContextString.of(List.of()).partCount());
    }

    @Test
    void rejectsNullParts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextString.of(Arrays.asList("a", null)));
        assertTrue(e.getMessage().contains("part 1"), e.getMessage());
    }
}
