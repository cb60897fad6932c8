package org.langscore.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class LeaderboardQueryTest {

    @Test
    void queryStringRestoresTheQuery() {
        LeaderboardQuery query = LeaderboardQuery.parse("bench:syntaxgym-2020", "asc", " gpt 2 ", "gpt2", "100M", "1.5B",
                List.of("syntaxgym-2020"));
        String text = query.queryString();
        assertEquals("?sort=bench%3Asyntaxgym-2020&dir=asc&q=gpt+2&arch=gpt2&minParams=100M&maxParams=1.5B"
                + "&open=syntaxgym-2020", text);
        assertEquals("", LeaderboardQuery.DEFAULT.queryString());
        assertEquals("?open=x", LeaderboardQuery.DEFAULT.toggled("x").queryString());
        assertEquals("", LeaderboardQuery.DEFAULT.toggled("x").toggled("x").queryString());
    }

    @Test
    void secondClickFlipsTheDirection() {
        LeaderboardQuery byName = LeaderboardQuery.DEFAULT.sortedBy("model");
        assertEquals(false, byName.descending());
        assertEquals(true, byName.sortedBy("model").descending());
        assertEquals(true, LeaderboardQuery.DEFAULT.sortedBy("bench:a").descending());
        assertEquals(false, LeaderboardQuery.DEFAULT.sortedBy("average").descending());
    }

    @Test
    void parameterCountsReadAndWriteLikePeopleWriteThem() {
        assertEquals(124_000_000L, ParameterCount.parse("p", "124M"));
        assertEquals(1_500_000_000L, ParameterCount.parse("p", "1.5b"));
        assertEquals(7_000L, ParameterCount.parse("p", "7,000"));
        assertNull(ParameterCount.parse("p", " "));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ParameterCount.parse("minParams", "lots"));
        assertTrue(error.getMessage().contains("minParams") && error.getMessage().contains("'lots'"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterCount.parse("p", "-3M"));
        assertEquals("1.5B", ParameterCount.format(1_500_000_000L));
        assertEquals("124M", ParameterCount.format(124_000_000L));
        assertEquals("123456789", ParameterCount.format(123_456_789L));
        assertEquals("1.25B", ParameterCount.format(1_250_000_000L));
        assertEquals("124M", ParameterCount.display(124_439_808L));
        assertEquals("–", ParameterCount.display(null));
    }

    @Test
    void filtersMatchNameArchitectureAndSize() {
        LeaderboardQuery query = LeaderboardQuery.parse(null, null, "Pythia", "", "100M", "200M", List.of());
        assertTrue(query.accepts("EleutherAI/pythia-160m", "gpt_neox", 162_000_000L));
        assertEquals(false, query.accepts("EleutherAI/pythia-410m", "gpt_neox", 405_000_000L));
        assertEquals(false, query.accepts("EleutherAI/pythia-160m", "gpt_neox", null));
        assertEquals(false, query.accepts("gpt2", "gpt2", 124_000_000L));
    }
}
