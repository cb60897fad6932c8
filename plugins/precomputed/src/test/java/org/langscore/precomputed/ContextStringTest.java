package org.langscore.precomputed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContextStringTest {
    @Test
    void joinsNonBlankPartsWithOneSpaceButNoneBeforePunctuation() {
        ContextString context = ContextString.of(List.of("Hello", ",", "", "world", "!", " ", "Yes", ":", "no", ".",
                "?", ";", "ok"));
        assertEquals("Hello, world! Yes: no.?; ok", context.text());
        assertEquals(0, context.partStart(0));
        assertEquals(5, context.partStart(1));
        assertEquals(-1, context.partStart(2));
        assertEquals(7, context.partStart(3));
        assertEquals(-1, context.partStart(5));
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
        assertEquals("word 2 'cat'", context.describePart(1));
    }
}
