package org.langscore.web.pages;

import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The pages' Qute templates, checked at build time; they live in {@code templates/pages/}. */
@CheckedTemplate(basePath = "pages")
public final class Templates {
    private Templates() {
    }

    /** The leaderboard. */
    public static native TemplateInstance leaderboard(LeaderboardView board, List<String> errors);

    /** A model's page. */
    public static native TemplateInstance model(ModelPage.View page);

    /** A score's page. */
    public static native TemplateInstance score(ScorePage.View page);

    /** The submit form. */
    public static native TemplateInstance submit(SubmitPage.Form form, Map<String, String> errors,
                                                 List<SubmitPage.Choice> benchmarks);

    /** A page's error (404 and the like). */
    public static native TemplateInstance error(int status, String title, String detail);

    /** The jobs page. */
    public static native TemplateInstance jobs(List<JobsPage.Line> jobs, String model, int submitted, int limit);
}
