package org.langscore.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.langscore.db.BenchmarkRepository;
import org.langscore.db.ModelEntity;
import org.langscore.db.ModelRepository;
import org.langscore.db.ModelSourceKind;
import org.langscore.db.ScoreEntity;
import org.langscore.db.ScoreItemsEntity;
import org.langscore.db.ScoreRepository;
import org.langscore.web.fake.FakeModel;
import org.langscore.web.pages.testing.PagesTestPlugin;
import org.langscore.web.queue.JobQueue;
import org.langscore.web.service.Leaderboard;
import org.langscore.web.service.LeaderboardService;
import org.langscore.web.service.PlatformRuntime;
import org.langscore.web.testing.PlatformServers;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages in headless Chromium against the real PostgreSQL and RabbitMQ of the platform's tests
 * ({@link PlatformServers}, so that they share one application start): the leaderboard of seeded
 * scores (rows, order, a parent's average, an expanded group) with the numbers of
 * {@code /api/leaderboard}, sorting and filtering through the URL, a model submitted through the form
 * whose job is watched from QUEUED to SUCCEEDED, and the model and score pages with their plots. Each
 * test starts the worker it needs and submits its own models (named outside the seeded {@code pg-}
 * prefix), so that the tests pass in any order. Screenshots at 1280x800 go to {@code target/screenshots/}.
 */
@QuarkusTest
@QuarkusTestResource(PlatformServers.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PagesBrowserIT {
    /** The seeded models' names start with this, so that the tests can filter out the other tests' models. */
    static final String PREFIX = "pg-";

    @TestHTTPResource("/")
    URL base;

    @Inject
    PlatformRuntime platform;

    @Inject
    ModelRepository models;

    @Inject
    BenchmarkRepository benchmarks;

    @Inject
    ScoreRepository scores;

    @Inject
    LeaderboardService leaderboard;

    private WebDriver browser;

    @BeforeAll
    void start() throws IOException {
        platform.start();
        seed();
        browser = Browser.start();
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void leaderboardShowsRowsInOrderWithTheParentsMean() throws IOException {
        open("/");
        // Behaviour means: alpha (0.6 + 0.8) / n, gamma (0.3 + 1.0 clipped) / n, beta 0.9 / n, delta 0.
        assertEquals(List.of("pg-alpha-gpt2", "pg-gamma-gpt2", "pg-beta-llama", "pg-delta-mamba"), modelsShown());
        // The benchmarks that count in behavior: Brain-Score's, not langscore's own variants.
        long behaviourColumns = apiLeaderboard().getList("columns.findAll { it.kind == 'BENCHMARK' && it.parent == "
                + "'behavior' }").size();
        // alpha: Futrell2018 0.6 and pages-reading 0.8; a missing benchmark would count as 0.
        assertEquals(format((0.6 + 0.8) / behaviourColumns), cell("pg-alpha-gpt2", "parent:behavior"));
        assertEquals(format(0.9 / behaviourColumns), cell("pg-beta-llama", "parent:behavior"));
        assertEquals(format(0.9 / behaviourColumns), cell("pg-beta-llama", "average"));
        // Other tests' models may sit between them, so only the relative places are fixed.
        assertTrue(rank("pg-alpha-gpt2") < rank("pg-gamma-gpt2") && rank("pg-gamma-gpt2") < rank("pg-beta-llama")
                && rank("pg-beta-llama") < rank("pg-delta-mamba"));
        // The unclipped 1.2 of gamma's pages-reading shows clipped; SyntaxGym shows raw values.
        assertEquals("1.000", cell("pg-gamma-gpt2", "bench:pages-reading"));
        assertEquals("0.700", cell("pg-alpha-gpt2", "bench:syntaxgym-2020"));
        assertTrue(browser.findElement(By.cssSelector("th[data-key='bench:Futrell2018-pearsonr'] .ceiling")).getText()
                .contains("0.858"));

        Browser.screenshot(browser, "leaderboard");
        follow(browser.findElement(By.cssSelector("th[data-key='bench:syntaxgym-2020'] a.toggle")));
        assertTrue(browser.getCurrentUrl().contains("open=syntaxgym-2020"), browser.getCurrentUrl());
        // The three seeded parts join the suites that the SyntaxGym plugin registers.
        assertTrue(browser.findElements(By.cssSelector("thead th.member")).size() >= 3);
        assertEquals("npi", browser.findElement(By.cssSelector("thead th[data-key='bench:syntaxgym-npi'] a.sort")).getText());
        assertEquals("0.250", cell("pg-alpha-gpt2", "bench:syntaxgym-npi"));
        String scoreLink = row("pg-alpha-gpt2").findElement(By.cssSelector("td[data-key='bench:Futrell2018-pearsonr'] a"))
                .getAttribute("href");
        assertTrue(scoreLink.matches(".*/scores/\\d+$"), scoreLink);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "arguments[0].scrollIntoView({block: 'nearest', inline: 'start'});",
                browser.findElement(By.cssSelector("thead th[data-key='parent:engineering']")));
        Browser.screenshot(browser, "leaderboard-expanded");
    }

    /** The page and the API are views of one table: every number the page shows is the API's. */
    @Test
    void pageShowsTheNumbersOfTheApi() {
        HttpResponse<String> page = fetch(base.toString().replaceAll("/$", "") + "/?open=syntaxgym-2020");
        assertEquals(200, page.statusCode());
        JsonPath api = apiLeaderboard();
        List<Map<String, Object>> rows = api.getList("rows");
        assertTrue(rows.size() >= 4, "the seeded models have rows");
        int compared = 0;
        for (Map<String, Object> row : rows) {
            String model = (String) row.get("model");
            Map<String, String> shown = pageCells(page.body(), model);
            @SuppressWarnings("unchecked")
            Map<String, Object> cells = (Map<String, Object>) row.get("cells");
            for (Map<String, Object> column : api.<Map<String, Object>>getList("columns")) {
                String id = (String) column.get("id");
                String kind = (String) column.get("kind");
                String key = kind.equals("AVERAGE") ? "average" : kind.equals("PARENT") ? "parent:" + id : "bench:" + id;
                Object value = cells.get(id);
                assertEquals(value == null ? "–" : format(((Number) value).doubleValue()), shown.get(key),
                        model + " " + key);
                compared++;
            }
        }
        assertTrue(compared > 20, "compared " + compared + " cells");
    }

    /** Issue 14: the leaderboard was recomputed from every score on each view; now it is cached until one arrives. */
    @Test
    void theLeaderboardIsCachedUntilAScoreArrives() {
        Leaderboard.Table before = leaderboard.table(null);
        assertSame(before, leaderboard.table(null), "nothing changed: the cached table");
        long model = model("cache-" + java.util.UUID.randomUUID(), "gpt2", 1_000_000L);
        Leaderboard.Table withModel = leaderboard.table(null);
        assertTrue(withModel.rows().stream().anyMatch(r -> r.modelId() == model), "a new model invalidates it");
        score(model, "Futrell2018-pearsonr", 0.42, 0.42 * 0.858, "[]", null);
        Leaderboard.Row row = leaderboard.table(null).rows().stream().filter(r -> r.modelId() == model).findFirst()
                .orElseThrow();
        assertEquals(0.42, row.cells().get("Futrell2018-pearsonr"), 1e-12, "a new score invalidates it");
        assertSame(leaderboard.table(null), leaderboard.table(null));
    }

    /** Issue 14: an unknown page answered the API's JSON problem document in the browser. */
    @Test
    void unknownPagesAnswerAnHtml404AndTheApiAJsonProblem() {
        String root = base.toString().replaceAll("/$", "");
        HttpResponse<String> page = fetch(root + "/models/no-such-model-6");
        assertEquals(404, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), page.headers().toString());
        assertTrue(page.body().contains("id=\"error-title\">404") && page.body().contains("not registered")
                && page.body().contains("href=\"/jobs\""), page.body());
        HttpResponse<String> api = fetch(root + "/api/models/999999999");
        assertEquals(404, api.statusCode());
        assertTrue(api.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    private JsonPath apiLeaderboard() {
        HttpResponse<String> response = fetch(base.toString().replaceAll("/$", "") + "/api/leaderboard");
        assertEquals(200, response.statusCode(), response.body());
        return new JsonPath(response.body());
    }

    /** @return the text of each {@code td[data-key]} of a model's row in the page's HTML */
    private static Map<String, String> pageCells(String html, String model) {
        int start = html.indexOf("<tr data-model=\"" + model + "\">");
        assertTrue(start >= 0, "the page has a row for " + model);
        String row = html.substring(start, html.indexOf("</tr>", start));
        Map<String, String> cells = new java.util.HashMap<>();
        java.util.regex.Matcher cell = java.util.regex.Pattern
                .compile("<td class=\"[^\"]*\" data-key=\"([^\"]+)\">(?:<a href=\"[^\"]*\">)?([^<]*)").matcher(row);
        while (cell.find()) {
            cells.put(cell.group(1), cell.group(2).strip());
        }
        return cells;
    }

    @Test
    void leaderboardSortsAndFiltersThroughTheUrl() throws IOException {
        open("/");
        int gammaRank = rank("pg-gamma-gpt2");
        follow(browser.findElement(By.cssSelector("th[data-key='bench:Futrell2018-pearsonr'] a.sort")));
        assertTrue(browser.getCurrentUrl().contains("sort=bench%3AFutrell2018-pearsonr&dir=desc"), browser.getCurrentUrl());
        assertEquals(List.of("pg-beta-llama", "pg-alpha-gpt2", "pg-gamma-gpt2", "pg-delta-mamba"), modelsShown());
        follow(browser.findElement(By.cssSelector("th[data-key='bench:Futrell2018-pearsonr'] a.sort")));
        assertTrue(browser.getCurrentUrl().contains("dir=asc"), browser.getCurrentUrl());
        assertEquals(List.of("pg-gamma-gpt2", "pg-alpha-gpt2", "pg-beta-llama", "pg-delta-mamba"), modelsShown());
        follow(browser.findElement(By.id("sort-model")));
        assertEquals(List.of("pg-alpha-gpt2", "pg-beta-llama", "pg-delta-mamba", "pg-gamma-gpt2"), modelsShown());

        open("/");
        WebElement search = browser.findElement(By.id("filter-text"));
        search.sendKeys("gpt2");
        WebElement apply = browser.findElement(By.id("filter-apply"));
        apply.click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(apply));
        assertEquals(List.of("pg-alpha-gpt2", "pg-gamma-gpt2"), modelsShown());
        assertTrue(browser.getCurrentUrl().contains("q=gpt2"), browser.getCurrentUrl());
        // Ranks stay the places among all models.
        assertEquals(gammaRank, rank("pg-gamma-gpt2"));

        open("/");
        new Select(browser.findElement(By.id("filter-arch"))).selectByVisibleText("llama");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("arch=llama"));
        assertEquals(List.of("pg-beta-llama"), modelsShown());

        open("/?q=pg-&minParams=200M");
        assertEquals(List.of("pg-gamma-gpt2", "pg-beta-llama"), modelsShown());
        assertEquals("200M", browser.findElement(By.id("filter-min")).getAttribute("value"));
        open("/?minParams=lots");
        assertTrue(browser.findElement(By.cssSelector("p.error")).getText().contains("minParams"));
        open("/?q=gpt2&sort=bench%3Apages-reading&dir=desc");
        assertEquals(List.of("pg-gamma-gpt2", "pg-alpha-gpt2"), modelsShown());
        Browser.screenshot(browser, "leaderboard-filtered");
    }

    @Test
    void submittedModelIsWatchedFromQueuedToSucceeded() throws IOException {
        Path folder = PagesTestPlugin.writeModel(PlatformServers.modelsRoot().resolve("epsilon"));
        String identifier = "job-epsilon-watched";
        open("/submit");
        submit();
        assertTrue(text("error-path").contains("path"), text("error-path"));
        assertTrue(text("error-benchmarks").contains("at least one benchmark"));
        assertTrue(text("error-token").contains("token"));
        type("path", "/etc");
        browser.findElement(By.cssSelector("input[name=benchmarks][value='" + PagesTestPlugin.BENCHMARK + "']")).click();
        type("token", PlatformServers.TOKEN);
        type("parameterCount", "many");
        submit();
        assertTrue(text("error-parameterCount").contains("parameterCount"), text("error-parameterCount"));
        type("parameterCount", "1M");
        type("token", PlatformServers.TOKEN);
        submit();
        // /etc is outside the configured model roots: the platform refuses it, next to the path field.
        assertTrue(browser.findElements(By.id("error-path")).size() == 1, browser.getPageSource());
        Browser.screenshot(browser, "submit-invalid");

        type("path", folder.toString());
        type("identifier", identifier);
        type("architecture", "fake");
        type("token", PlatformServers.TOKEN);
        submit();
        assertTrue(browser.getCurrentUrl().contains("/jobs?model=" + identifier), browser.getCurrentUrl());
        WebElement job = browser.findElement(By.cssSelector("#jobs tr[data-id]"));
        String id = job.getAttribute("data-id");
        // No worker runs yet: the job waits in the queue.
        assertEquals("QUEUED", badge(id));

        try (JobQueue.Consumers worker = platform.startWorker("pages-it", 1)) {
            watchUntilSucceeded(id);
        }
        open("/models/" + identifier);
        List<WebElement> scatters = browser.findElements(By.cssSelector("svg.chart[id^='scatter-']"));
        assertEquals(1, scatters.size());
        assertEquals(PagesTestPlugin.WORDS, scatters.get(0).findElements(By.cssSelector("circle.point")).size());
        assertEquals(1, scatters.get(0).findElements(By.cssSelector("line.fit")).size());
    }

    /** Watches the jobs page until the job succeeds, through QUEUED and RUNNING with a visible ETA. */
    private void watchUntilSucceeded(String id) throws IOException {
        Set<String> seen = new LinkedHashSet<>(List.of("QUEUED"));
        boolean shotRunning = false;
        Instant deadline = Instant.now().plusSeconds(60);
        while (!"SUCCEEDED".equals(badge(id)) && Instant.now().isBefore(deadline)) {
            String state = badge(id);
            seen.add(state);
            assertFalse(state.equals("FAILED"), text("error-" + id));
            String percent = browser.findElement(By.cssSelector("#job-" + id + " .percent")).getText();
            if (state.equals("RUNNING") && !shotRunning && !percent.equals("0%")) {
                assertFalse(browser.findElement(By.cssSelector("#job-" + id + " .eta")).getText().isEmpty());
                Browser.screenshot(browser, "jobs-running");
                shotRunning = true;
            }
            sleep(150);
        }
        seen.add(badge(id));
        assertEquals("SUCCEEDED", badge(id), "states seen: " + seen);
        assertTrue(seen.contains("RUNNING"), "states seen: " + seen);
        assertEquals("100%", browser.findElement(By.cssSelector("#job-" + id + " .percent")).getText());
        assertTrue(browser.findElement(By.cssSelector("#job-" + id + " button.cancel")).getAttribute("hidden") != null);
        Browser.screenshot(browser, "jobs");
    }

    @Test
    void modelPageDrawsTheScatterAndTheBars() throws IOException {
        open("/models/pg-alpha-gpt2");
        WebElement scatter = browser.findElement(By.cssSelector("svg.chart[id^='scatter-']"));
        // 25 seeded words, 2 of them without a surprisal.
        assertEquals(23, scatter.findElements(By.cssSelector("circle.point")).size());
        assertTrue(scatter.findElement(By.cssSelector("text.stat")).getText().startsWith("r = "));
        WebElement bars = browser.findElement(By.cssSelector("svg.chart[id^='bars-']"));
        assertEquals(3, bars.findElements(By.cssSelector("rect.bar")).size());
        assertTrue(browser.findElement(By.id("model-scores")).getText().contains("Futrell2018-pearsonr"));
        Browser.screenshot(browser, "model");

        follow(browser.findElement(By.linkText("Futrell2018-pearsonr")));
        assertEquals("0.600", text("score-value"));
        assertTrue(text("definition").contains("Natural Stories"));
        WebElement csv = browser.findElement(By.cssSelector("#downloads a.csv"));
        WebElement json = browser.findElement(By.cssSelector("#downloads a.json"));
        Browser.screenshot(browser, "score");
        String csvHref = csv.getAttribute("href");
        String jsonHref = json.getAttribute("href");
        // The CSV link downloads a file (the browser stays on the page), so fetch both links directly.
        HttpResponse<String> csvFile = fetch(csvHref);
        assertEquals(200, csvFile.statusCode());
        assertTrue(csvFile.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        List<String> lines = csvFile.body().lines().toList();
        assertEquals(26, lines.size(), csvFile.body());
        assertTrue(lines.get(0).contains("surprisal_bits") && lines.get(0).contains("mean_rt_ms"), lines.get(0));
        HttpResponse<String> jsonFile = fetch(jsonHref);
        assertEquals(200, jsonFile.statusCode());
        assertTrue(jsonFile.body().contains("\"mean_rt_ms\""), jsonFile.body());
    }

    @Test
    void cancelAndRetryButtonsCallTheApi() throws IOException {
        Path folder = PagesTestPlugin.writeModel(PlatformServers.modelsRoot().resolve("epsilon-retried"));
        open("/submit");
        type("path", folder.toString());
        type("identifier", "job-epsilon-retried");
        browser.findElement(By.cssSelector("input[name=benchmarks][value='" + PagesTestPlugin.BENCHMARK + "']")).click();
        type("token", PlatformServers.TOKEN);
        submit();
        String id = browser.findElement(By.cssSelector("#jobs tr[data-id]")).getAttribute("data-id");
        assertEquals("QUEUED", badge(id));
        // The token typed into the form is kept for the buttons of this browser session.
        assertEquals(PlatformServers.TOKEN, browser.findElement(By.id("token")).getAttribute("value"));
        browser.findElement(By.cssSelector("#job-" + id + " button.cancel")).click();
        waitForBadge(id, "CANCELLED");
        browser.findElement(By.cssSelector("#job-" + id + " button.retry")).click();
        waitForBadge(id, "QUEUED");
        try (JobQueue.Consumers worker = platform.startWorker("pages-it-2", 1)) {
            waitForBadge(id, "SUCCEEDED");
        }

        // A wrong token is refused by the API and the page says so.
        String done = id;
        open("/jobs");
        type("token", "wrong");
        // The button of a finished job is hidden; show and press it at once, before the next poll hides it.
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("var b = document.querySelector('#job-" + done
                + " button.retry'); b.hidden = false; b.click();");
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !text("action-message").isEmpty());
        assertTrue(text("action-message").contains("retry refused"), text("action-message"));
    }

    @Test
    void failedJobShowsItsError() throws IOException {
        Path poisoned = FakeModel.write(PlatformServers.modelsRoot().resolve("job-poisoned"), 1, 0, true);
        open("/submit");
        type("path", poisoned.toString());
        browser.findElement(By.cssSelector("input[name=benchmarks][value='" + PagesTestPlugin.BENCHMARK + "']")).click();
        type("token", PlatformServers.TOKEN);
        submit();
        String id = browser.findElement(By.cssSelector("#jobs tr[data-id]")).getAttribute("data-id");
        try (JobQueue.Consumers worker = platform.startWorker("pages-it-3", 1)) {
            waitForBadge(id, "FAILED");
        }
        WebElement error = browser.findElement(By.id("error-" + id));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> error.isDisplayed() && !error.getText().isEmpty());
        assertTrue(error.getText().contains("poisoned"), error.getText());
        assertTrue(browser.findElement(By.cssSelector("#job-" + id + " button.retry")).isDisplayed());
        Browser.screenshot(browser, "jobs-failed");
    }

    private void waitForBadge(String id, String state) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> state.equals(badge(id)));
    }

    private void seed() {
        QuarkusTransaction.requiringNew().run(() -> {
            benchmarks.upsert("Futrell2018-pearsonr", 1, "behavior", "Natural Stories reading times (Futrell et al. 2018)",
                    0.858, Double.NaN, "split-half", "@article{futrell2018}");
            benchmarks.upsert("syntaxgym-2020", 1, "engineering", "SyntaxGym 2020 suites", Double.NaN, Double.NaN, null, null);
        });
        long alpha = model("pg-alpha-gpt2", "gpt2", 124_000_000L);
        long beta = model("pg-beta-llama", "llama", 1_100_000_000L);
        long gamma = model("pg-gamma-gpt2", "gpt2", 355_000_000L);
        model("pg-delta-mamba", "mamba", 130_000_000L);
        score(alpha, "Futrell2018-pearsonr", 0.6, 0.6 * 0.858, "[]", wordTable());
        score(alpha, PagesTestPlugin.BENCHMARK, 0.8, 0.72, "[]", null);
        score(alpha, "syntaxgym-2020", 0.7, 0.7, "[" + part("syntaxgym-agreement", 0.9) + "," + part("syntaxgym-npi", 0.25)
                + "," + part("syntaxgym-mvrr", 0.95) + "]", null);
        score(beta, "Futrell2018-pearsonr", 0.9, 0.9 * 0.858, "[]", null);
        score(beta, "syntaxgym-2020", 0.8, 0.8, "[]", null);
        score(gamma, "Futrell2018-pearsonr", 0.3, 0.3 * 0.858, "[]", null);
        score(gamma, PagesTestPlugin.BENCHMARK, 1.2, 1.08, "[]", null);
    }

    private long model(String identifier, String architecture, long parameters) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ModelEntity model = new ModelEntity();
            model.identifier = identifier;
            model.sourceKind = ModelSourceKind.HUB;
            model.source = "test/" + identifier;
            model.revision = "main";
            model.architecture = architecture;
            model.parameterCount = parameters;
            model.dtype = "float32";
            model.submitter = "pages-it";
            model.registeredAt = Instant.now();
            models.persist(model);
            return model.id;
        });
    }

    private void score(long modelId, String benchmark, double value, double raw, String parts, ScoreItemsEntity items) {
        QuarkusTransaction.requiringNew().run(() -> {
            ScoreEntity score = new ScoreEntity();
            score.modelId = modelId;
            score.benchmark = benchmark;
            score.benchmarkVersion = 1;
            score.policy = "default";
            score.value = Math.max(0, Math.min(1, value));
            score.unclippedValue = value;
            score.rawValue = raw;
            score.ceiling = benchmark.equals("Futrell2018-pearsonr") ? 0.858 : Double.NaN;
            score.subScores = parts;
            score.langscoreVersion = "test";
            score.startedAt = Instant.now();
            score.finishedAt = Instant.now();
            scores.recordOnce(score, items == null ? List.of() : List.of(items));
        });
    }

    private static String part(String benchmark, double value) {
        return String.format(Locale.ROOT, "{\"benchmark\":\"%s\",\"value\":%s,\"raw\":%s}", benchmark, value, value);
    }

    /** 25 words with surprisal and reading time; 2 have no surprisal (as Futrell2018's first words). */
    private static ScoreItemsEntity wordTable() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String surprisal = i < 2 ? "null" : Double.toString(2 + (i * 7 % 11));
            rows.add("[\"w" + i + "\"," + surprisal + "," + (250 + 9 * (i * 7 % 11) + 6 * (i * 13 % 17 - 8)) + "]");
        }
        ScoreItemsEntity table = new ScoreItemsEntity();
        table.name = "word";
        table.columns = "[\"word\",\"surprisal_bits\",\"mean_rt_ms\"]";
        table.rows = "[" + String.join(",", rows) + "]";
        return table;
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    /** @return the seeded models the leaderboard shows, in its order (other tests' models left out) */
    private List<String> modelsShown() {
        return browser.findElements(By.cssSelector("#leaderboard tbody tr[data-model]")).stream()
                .map(r -> r.getAttribute("data-model")).filter(m -> m.startsWith(PREFIX)).toList();
    }

    private int rank(String model) {
        return Integer.parseInt(row(model).findElement(By.cssSelector("td.rank")).getText());
    }

    private WebElement row(String model) {
        return browser.findElement(By.cssSelector("#leaderboard tbody tr[data-model='" + model + "']"));
    }

    private String cell(String model, String key) {
        return row(model).findElement(By.cssSelector("td[data-key='" + key + "']")).getText();
    }

    private String badge(String jobId) {
        return browser.findElement(By.cssSelector("#job-" + jobId + " .badge")).getText();
    }

    private static HttpResponse<String> fetch(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Clicks a link and waits until the page it leads to has replaced this one. */
    private void follow(WebElement link) {
        link.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(link));
    }

    /** Submits the form and waits until the answer has replaced the page. */
    private void submit() {
        WebElement button = browser.findElement(By.id("submit-button"));
        button.click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.stalenessOf(button));
    }

    private void type(String id, String text) {
        WebElement field = browser.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
