package org.langscore.huggingface.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.langscore.huggingface.SharedFixtures;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** The Hub download, against a local server that serves the gpt2-0 fixture in the Hub's URL layout. */
class HubClientTest {
    private static final String REPO = "test-org/gpt2-0";
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path cache;
    private LocalHubServer hub;
    private Path fixture;

    @BeforeEach
    void startHub() throws IOException {
        fixture = SharedFixtures.fixture("gpt2-0");
        hub = new LocalHubServer();
        hub.addRepo(REPO, COMMIT, fixture);
    }

    @AfterEach
    void stopHub() {
        hub.close();
    }

    @Test
    void downloadsTheNeededFilesIntoTheHubLayoutPinnedToTheResolvedCommit() throws IOException {
        Path snapshot = client("secret-token", false).snapshot(HubReference.parse(REPO).orElseThrow());

        Path repoDir = cache.resolve("models--test-org--gpt2-0");
        assertEquals(repoDir.resolve("snapshots").resolve(COMMIT), snapshot);
        assertEquals(COMMIT, Files.readString(repoDir.resolve("refs").resolve("main")));
        for (String file : List.of("config.json", "tokenizer.json", "tokenizer_config.json", "model.safetensors")) {
            assertArrayEquals(Files.readAllBytes(fixture.resolve(file)), Files.readAllBytes(snapshot.resolve(file)), file);
        }
        assertTrue(Files.isSymbolicLink(snapshot.resolve("model.safetensors")));
        assertEquals(repoDir.resolve("blobs").resolve(HubClient.sha256(fixture.resolve("model.safetensors"))),
                snapshot.resolve("model.safetensors").toRealPath());
        assertFalse(Files.exists(snapshot.resolve("expected.json")), "only the files a model needs are fetched");
        assertFalse(Files.exists(snapshot.resolve("generation_config.json")));
        for (LocalHubServer.Request request : hub.requests) {
            assertEquals("Bearer secret-token", request.authorization(), request.path());
        }
        assertTrue(hub.requests.get(0).path().startsWith("/api/models/test-org/gpt2-0/revision/main"));
        assertEquals(4, hub.resolveRequests().size());
        for (LocalHubServer.Request request : hub.resolveRequests()) {
            assertTrue(request.path().startsWith("/test-org/gpt2-0/resolve/" + COMMIT + "/"), request.path());
        }
    }

    @Test
    void twoClientsDownloadingTheSameFilesAtOnceTakeTurnsAndFetchEachFileOnce() throws Exception {
        int clients = 4;
        CyclicBarrier together = new CyclicBarrier(clients);
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Path>> snapshots = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                HubClient client = client(null, false);
                snapshots.add(threads.submit(() -> {
                    together.await();
                    return client.snapshot(HubReference.parse(REPO).orElseThrow());
                }));
            }
            for (Future<Path> snapshot : snapshots) {
                Path folder = snapshot.get(60, TimeUnit.SECONDS);
                assertArrayEquals(Files.readAllBytes(fixture.resolve("model.safetensors")),
                        Files.readAllBytes(folder.resolve("model.safetensors")));
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(4, hub.resolveRequests().size(), "each file downloaded once: " + hub.resolveRequests());
        try (Stream<Path> files = Files.walk(cache)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".incomplete")));
        }
    }

    @Test
    void aSecondCallUsesTheCacheAndSendsNoTokenWhenNoneIsSet() {
        HubClient client = client(null, false);
        Path first = client.snapshot(HubReference.parse(REPO).orElseThrow());
        hub.requests.clear();
        Path second = client.snapshot(HubReference.parse(REPO + "@main").orElseThrow());
        assertEquals(first, second);
        assertTrue(hub.resolveRequests().isEmpty(), "nothing is downloaded twice: " + hub.requests);
        assertNull(hub.requests.get(0).authorization());
    }

    @Test
    void offlineModeReadsTheCacheOnlyAndNamesWhatIsMissing() {
        Path online = client(null, false).snapshot(HubReference.parse(REPO).orElseThrow());
        hub.close();
        hub.requests.clear();
        HubClient offline = client(null, true);
        assertEquals(online, offline.snapshot(HubReference.parse(REPO).orElseThrow()));
        assertEquals(online, offline.snapshot(HubReference.parse(REPO + "@" + COMMIT).orElseThrow()));
        assertTrue(hub.requests.isEmpty());
        ScoringException e = assertThrows(ScoringException.class,
                () -> offline.snapshot(HubReference.parse("test-org/other@main").orElseThrow()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("test-org/other@main") && e.getMessage().contains("offline"), e.getMessage());
    }

    /** Issue 14: the Hub's blob ids named files in the cache unchecked. */
    @Test
    void aBlobIdThatIsNotHexIsRefusedBeforeAnyFileIsWritten() {
        hub.listBlobId("../../../../outside");
        ScoringException e = assertThrows(ScoringException.class,
                () -> client(null, false).snapshot(HubReference.parse(REPO).orElseThrow()));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("not a hex id"), e.getMessage());
        assertTrue(hub.resolveRequests().isEmpty(), "nothing was downloaded");
    }

    /** Issue 14: downloads had no size cap. */
    @Test
    void aDownloadLargerThanTheListedSizeIsStoppedAtThatSize() throws IOException {
        hub.pad("model.safetensors");
        ScoringException e = assertThrows(ScoringException.class,
                () -> client(null, false).snapshot(HubReference.parse(REPO).orElseThrow()));
        assertEquals(ErrorCode.DOWNLOAD_FAILED, e.code());
        assertTrue(e.getMessage().contains("exceeds " + Files.size(fixture.resolve("model.safetensors"))
                + " bytes"), e.getMessage());
        String sha = HubClient.sha256(fixture.resolve("model.safetensors"));
        assertFalse(Files.exists(cache.resolve("models--test-org--gpt2-0").resolve("blobs").resolve(sha)));
    }

    /** Issue 14: cancelling a job did not stop its download. */
    @Test
    void anInterruptedThreadStopsTheDownloadAsCancelled() throws IOException {
        hub.interruptMidway(Thread.currentThread());
        try {
            ScoringException e = assertThrows(ScoringException.class,
                    () -> client(null, false).snapshot(HubReference.parse(REPO).orElseThrow()),
                    () -> "requests " + hub.requests + ", interrupted " + Thread.currentThread().isInterrupted());
            assertEquals(ErrorCode.CANCELLED, e.code(), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        String sha = HubClient.sha256(fixture.resolve("model.safetensors"));
        assertFalse(Files.exists(cache.resolve("models--test-org--gpt2-0").resolve("blobs").resolve(sha)),
                "no blob is stored for a cancelled download");
    }

    @Test
    void resumesAPartialDownloadWithARangeRequest() throws IOException {
        Path weights = fixture.resolve("model.safetensors");
        String sha = HubClient.sha256(weights);
        byte[] bytes = Files.readAllBytes(weights);
        Path blobs = Files.createDirectories(cache.resolve("models--test-org--gpt2-0").resolve("blobs"));
        int half = bytes.length / 2;
        Files.write(blobs.resolve(sha + ".incomplete"), java.util.Arrays.copyOf(bytes, half));

        Path snapshot = client(null, false).snapshot(HubReference.parse(REPO).orElseThrow());

        LocalHubServer.Request weightsRequest = hub.resolveRequests().stream()
                .filter(r -> r.path().endsWith("/model.safetensors")).findFirst().orElseThrow();
        assertEquals("bytes=" + half + "-", weightsRequest.range());
        assertArrayEquals(bytes, Files.readAllBytes(snapshot.resolve("model.safetensors")));
        assertFalse(Files.exists(blobs.resolve(sha + ".incomplete")));
    }

    @Test
    void aChecksumMismatchIsAnErrorNamingTheFileAndLeavesNothingBehind() throws IOException {
        hub.corrupt("model.safetensors");
        ScoringException e = assertThrows(ScoringException.class,
                () -> client(null, false).snapshot(HubReference.parse(REPO).orElseThrow()));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("model.safetensors") && e.getMessage().contains("sha256"), e.getMessage());
        Path repoDir = cache.resolve("models--test-org--gpt2-0");
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.getFileName().toString().equals(
                    sha256Unchecked(fixture.resolve("model.safetensors")))), "no corrupt blob is kept");
        }
        try (Stream<Path> blobs = Files.list(repoDir.resolve("blobs"))) {
            assertTrue(blobs.noneMatch(p -> p.toString().endsWith(".incomplete")));
        }
        assertFalse(Files.exists(repoDir.resolve("snapshots").resolve(COMMIT).resolve("model.safetensors")));
    }

    @Test
    void theResolveHeadersAreCheckedWhenTheApiListsNoLfsInfo() throws IOException {
        hub.hideLfsInfo();
        Path snapshot = client(null, false).snapshot(HubReference.parse(REPO).orElseThrow());
        assertArrayEquals(Files.readAllBytes(fixture.resolve("model.safetensors")),
                Files.readAllBytes(snapshot.resolve("model.safetensors")));

        hub.corrupt("model.safetensors");
        ScoringException e = assertThrows(ScoringException.class, () -> new HubClient(
                new HubSettings(hub.endpoint(), cache.resolve("other"), null, false))
                .snapshot(HubReference.parse(REPO).orElseThrow()));
        assertEquals(ErrorCode.DATASET_CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test
    void fetchesEveryShardOfAShardedCheckpoint(@TempDir Path repo) throws IOException {
        Files.copy(fixture.resolve("config.json"), repo.resolve("config.json"));
        Files.copy(fixture.resolve("tokenizer.json"), repo.resolve("tokenizer.json"));
        Files.writeString(repo.resolve("model.safetensors.index.json"), """
                {"metadata": {"total_size": 6}, "weight_map": {"a": "model-00001-of-00002.safetensors",
                 "b": "model-00002-of-00002.safetensors", "c": "model-00001-of-00002.safetensors"}}""");
        Files.write(repo.resolve("model-00001-of-00002.safetensors"), new byte[] {1, 2, 3});
        Files.write(repo.resolve("model-00002-of-00002.safetensors"), new byte[] {4, 5, 6});
        hub.addRepo("test-org/sharded", COMMIT, repo);

        Path snapshot = client(null, false).snapshot(HubReference.parse("test-org/sharded").orElseThrow());

        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(snapshot.resolve("model-00001-of-00002.safetensors")));
        assertArrayEquals(new byte[] {4, 5, 6}, Files.readAllBytes(snapshot.resolve("model-00002-of-00002.safetensors")));
        assertFalse(Files.exists(snapshot.resolve("tokenizer_config.json")), "the repository has none");
    }

    @Test
    void anUnknownRepositoryOrMissingWeightsAreNamed(@TempDir Path repo) throws IOException {
        ScoringException unknown = assertThrows(ScoringException.class,
                () -> client(null, false).snapshot(HubReference.parse("test-org/nothing").orElseThrow()));
        assertEquals(ErrorCode.UNKNOWN_MODEL, unknown.code());
        assertTrue(unknown.getMessage().contains("test-org/nothing"), unknown.getMessage());

        Files.copy(fixture.resolve("config.json"), repo.resolve("config.json"));
        Files.copy(fixture.resolve("tokenizer.json"), repo.resolve("tokenizer.json"));
        hub.addRepo("test-org/noweights", COMMIT, repo);
        ScoringException noWeights = assertThrows(ScoringException.class,
                () -> client(null, false).snapshot(HubReference.parse("test-org/noweights").orElseThrow()));
        assertEquals(ErrorCode.FILE_NOT_FOUND, noWeights.code());
        assertTrue(noWeights.getMessage().contains("model.safetensors"), noWeights.getMessage());
    }

    @Test
    void settingsFollowTheHuggingFaceEnvironmentAndTheConfigOverridesIt() {
        HubSettings defaults = HubSettings.from(Map.of(), Map.of());
        assertEquals("https://huggingface.co", defaults.endpoint().toString());
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "huggingface", "hub"), defaults.cacheDirectory());
        assertNull(defaults.token());
        assertFalse(defaults.offline());

        HubSettings env = HubSettings.from(Map.of("HF_ENDPOINT", "http://127.0.0.1:9/", "HF_HOME", "/data/hf",
                "HF_TOKEN", "t", "HF_HUB_OFFLINE", "1"), Map.of());
        assertEquals("http://127.0.0.1:9", env.endpoint().toString());
        assertEquals(Path.of("/data/hf/hub"), env.cacheDirectory());
        assertEquals("t", env.token());
        assertTrue(env.offline());

        HubSettings config = HubSettings.from(Map.of("HF_HOME", "/data/hf", "HF_HUB_OFFLINE", "1"),
                Map.of("hub.cache", "/c", "hub.offline", "false", "hub.endpoint", "http://localhost:1"));
        assertEquals(Path.of("/c"), config.cacheDirectory());
        assertFalse(config.offline());
        assertEquals("http://localhost:1", config.endpoint().toString());

        ScoringException e = assertThrows(ScoringException.class,
                () -> HubSettings.from(Map.of("HF_ENDPOINT", "ftp://x"), Map.of()));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }

    @Test
    void parsesReferences() {
        assertEquals(new HubReference("org/name", "main"), HubReference.parse("org/name").orElseThrow());
        assertEquals(new HubReference("org/name", "v1.0"), HubReference.parse("org/name@v1.0").orElseThrow());
        assertTrue(HubReference.parse("org/name@" + COMMIT).orElseThrow().isCommit());
        assertFalse(HubReference.parse("org/name@main").orElseThrow().isCommit());
        assertTrue(HubReference.parse("/abs/path").isEmpty());
        assertTrue(HubReference.parse("a/b/c").isEmpty());
        assertTrue(HubReference.parse("../x").isEmpty());
        assertTrue(HubReference.parse("gpt2").isEmpty());
        assertEquals("models--org--name", HubReference.parse("org/name").orElseThrow().cacheFolderName());
    }

    private HubClient client(String token, boolean offline) {
        return new HubClient(new HubSettings(hub.endpoint(), cache, token, offline));
    }

    private static String sha256Unchecked(Path file) {
        try {
            return HubClient.sha256(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
