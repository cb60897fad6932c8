package org.langscore.web.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class PolicySpecTest {
    @Test
    void parametersAreSortedSoThatTheSameSettingsGiveTheSameKey() {
        PolicySpec spec = PolicySpec.parse(" sliding-window:window=512, stride=256 ");
        assertEquals("sliding-window:stride=256,window=512", spec.canonical());
        assertEquals(spec.canonical(), PolicySpec.parse("sliding-window:stride=256,window=512").canonical());
        assertEquals(Map.of("policy", "sliding-window", "window", "512", "stride", "256"), spec.subjectOptions());
    }

    @Test
    void noPolicyIsTheSubjectsDefault() {
        assertEquals("default", PolicySpec.parse(null).canonical());
        assertEquals("default", PolicySpec.parse(" ").canonical());
        assertEquals(Map.of(), PolicySpec.parse("default").subjectOptions());
        assertEquals(Map.of("window", "64"), PolicySpec.parse("default:window=64").subjectOptions());
    }

    @Test
    void malformedPoliciesNameThePartAtFault() {
        ApiProblem name = assertThrows(ApiProblem.class, () -> PolicySpec.parse("full window"));
        assertEquals("policy", name.field());
        ApiProblem pair = assertThrows(ApiProblem.class, () -> PolicySpec.parse("full:window"));
        assertTrue(pair.getMessage().contains("'window'"), pair.getMessage());
        assertThrows(ApiProblem.class, () -> PolicySpec.parse("full:window=1,window=2"));
        assertThrows(ApiProblem.class, () -> PolicySpec.parse("full:policy=other"));
        assertThrows(ApiProblem.class, () -> PolicySpec.parse("full:window=$(rm)"));
    }
}
