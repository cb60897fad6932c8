package org.langscore.web.fake;

import java.util.List;

import org.langscore.spi.BenchmarkFactory;
import org.langscore.spi.Plugin;
import org.langscore.spi.SubjectFactory;

/**
 * The test plugin: a fake subject, a behavioural benchmark with a ceiling of 0.05
 * ({@code fake-reading}), an engineering one without a ceiling ({@code fake-engineering}) and one
 * whose data file is missing ({@code fake-missing-data}).
 */
public final class FakePlugin implements Plugin {
    @Override
    public List<SubjectFactory> subjectFactories() {
        return List.of(new FakeSubjectFactory());
    }

    @Override
    public List<BenchmarkFactory> benchmarkFactories() {
        return List.of(new FakeBenchmarkFactory("fake-reading", "behavior", 0.05, false),
                new FakeBenchmarkFactory("fake-engineering", "engineering", null, false),
                new FakeBenchmarkFactory("fake-missing-data", "engineering", null, true));
    }
}
