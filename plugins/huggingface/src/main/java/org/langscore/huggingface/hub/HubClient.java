package org.langscore.huggingface.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Fetches the files a causal language model needs from the HuggingFace Hub into the Hub's cache layout:
 * {@code models--org--name/blobs/<sha256 or git blob id>}, {@code snapshots/<commit>/<file>} (a relative
 * symbolic link to the blob, or a copy where links are not possible) and {@code refs/<revision>} (the
 * commit the revision pointed to). The revision is resolved to a commit first
 * ({@code GET /api/models/<repo>/revision/<revision>?blobs=true}) and every file is fetched at that commit
 * ({@code GET /<repo>/resolve/<commit>/<file>}), so that one snapshot never mixes commits. Large (LFS)
 * files are checked against the size and sha256 the Hub lists; an interrupted download resumes with an
 * HTTP range request. Concurrent downloads of one file (threads, or workers sharing the cache) take turns
 * under a lock on {@code <file>.lock}. In offline mode only the cache is read.
 *
 * <p>Files fetched: {@code config.json}, {@code tokenizer.json}, {@code tokenizer_config.json} when the
 * repository has one, and {@code model.safetensors} or {@code model.safetensors.index.json} with every
 * shard it names.
 */
public final class HubClient {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    /** The most a file may have when the Hub lists no size for it (config and tokenizer files, not weights). */
    static final long MAX_UNLISTED_BYTES = 1L << 30;
    private static final String INCOMPLETE = ".incomplete";
    private static final Map<Path, ReentrantLock> DOWNLOAD_LOCKS = new ConcurrentHashMap<>();
    private static final String SINGLE_WEIGHTS = "model.safetensors";
    private static final String WEIGHTS_INDEX = "model.safetensors.index.json";

    private final HubSettings settings;
    private final HttpClient http;

    /** @param settings endpoint, cache, token and offline mode */
    public HubClient(HubSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Makes sure the model's files are in the cache and returns its snapshot folder.
     *
     * @param reference the repository and revision
     * @return {@code <cache>/models--org--name/snapshots/<commit>}
     * @throws ScoringException {@link ErrorCode#UNKNOWN_MODEL} when the Hub does not know the repository or
     *     revision, {@link ErrorCode#FILE_NOT_FOUND} when a needed file is missing (offline: not cached),
     *     {@link ErrorCode#DATASET_CHECKSUM_MISMATCH} when a download does not match the listed sha256 or
     *     size, {@link ErrorCode#DOWNLOAD_FAILED} when the Hub cannot be reached or answers with an error
     */
    public Path snapshot(HubReference reference) {
        Path repoDir = settings.cacheDirectory().resolve(reference.cacheFolderName());
        if (settings.offline()) {
            return cachedSnapshot(reference, repoDir);
        }
        RepoInfo info = repoInfo(reference);
        Path snapshot = repoDir.resolve("snapshots").resolve(info.commit());
        try {
            Files.createDirectories(snapshot);
            Files.createDirectories(repoDir.resolve("blobs"));
            if (!reference.isCommit()) {
                Path ref = repoDir.resolve("refs").resolve(reference.revision());
                Files.createDirectories(ref.getParent());
                Files.writeString(ref, info.commit(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "cannot write the Hub cache " + repoDir + ": "
                    + e.getMessage(), e);
        }
        for (String required : List.of("config.json", "tokenizer.json")) {
            fetch(reference, info, repoDir, snapshot, required);
        }
        if (info.files().containsKey("tokenizer_config.json")) {
            fetch(reference, info, repoDir, snapshot, "tokenizer_config.json");
        }
        if (info.files().containsKey(SINGLE_WEIGHTS)) {
            fetch(reference, info, repoDir, snapshot, SINGLE_WEIGHTS);
        } else if (info.files().containsKey(WEIGHTS_INDEX)) {
            Path index = fetch(reference, info, repoDir, snapshot, WEIGHTS_INDEX);
            for (String shard : shardsOf(index)) {
                fetch(reference, info, repoDir, snapshot, shard);
            }
        } else {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "the Hub repository " + reference.repo() + " at commit "
                    + info.commit() + " has neither " + SINGLE_WEIGHTS + " nor " + WEIGHTS_INDEX
                    + " (only safetensors checkpoints are supported)");
        }
        return snapshot;
    }

    private Path cachedSnapshot(HubReference reference, Path repoDir) {
        String commit = reference.revision();
        if (!reference.isCommit()) {
            Path ref = repoDir.resolve("refs").resolve(reference.revision());
            try {
                commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "offline mode (HF_HUB_OFFLINE): " + reference
                        + " is not in the Hub cache " + settings.cacheDirectory() + " (no " + ref
                        + "); download it once with the Hub reachable", e);
            }
        }
        Path snapshot = repoDir.resolve("snapshots").resolve(commit);
        if (!Files.isRegularFile(snapshot.resolve("config.json"))) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "offline mode (HF_HUB_OFFLINE): " + reference
                    + " at commit " + commit + " is not in the Hub cache (no " + snapshot.resolve("config.json")
                    + "); download it once with the Hub reachable");
        }
        return snapshot;
    }

    /** What the Hub says about one revision: its commit and, per file, the size and sha256 it lists. */
    private record RepoInfo(String commit, Map<String, RemoteFile> files) {
    }

    /** A file of the repository: size (-1 unknown), sha256 of an LFS file (null otherwise), git blob id. */
    private record RemoteFile(long size, String sha256, String blobId) {
    }

    private RepoInfo repoInfo(HubReference reference) {
        URI uri = URI.create(settings.endpoint() + "/api/models/" + reference.repo() + "/revision/"
                + URLEncoder.encode(reference.revision(), StandardCharsets.UTF_8) + "?blobs=true");
        HttpResponse<String> response;
        try {
            response = http.send(request(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "cannot reach the Hub at " + uri + ": " + e
                    + "; set HF_HUB_OFFLINE=1 to use the cache only", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(ErrorCode.CANCELLED, "interrupted while asking the Hub about " + reference, e);
        }
        int status = response.statusCode();
        if (status == 401 || status == 403 || status == 404) {
            throw new ScoringException(ErrorCode.UNKNOWN_MODEL, "the Hub at " + settings.endpoint() + " has no model "
                    + reference.repo() + " with revision " + reference.revision() + " (HTTP " + status + ")"
                    + (settings.token() == null ? "; for a gated or private model set HF_TOKEN" : ""));
        }
        if (status != 200) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "the Hub answered HTTP " + status + " for " + uri);
        }
        try {
            JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
            String commit = json.get("sha").getAsString();
            if (!Pattern.matches("[0-9a-f]{40}", commit)) {
                throw new JsonParseException("'sha' is not a commit hash: " + commit);
            }
            Map<String, RemoteFile> files = new LinkedHashMap<>();
            if (json.has("siblings")) {
                for (JsonElement element : json.getAsJsonArray("siblings")) {
                    JsonObject sibling = element.getAsJsonObject();
                    JsonObject lfs = sibling.has("lfs") && sibling.get("lfs").isJsonObject()
                            ? sibling.getAsJsonObject("lfs") : null;
                    long size = lfs != null && lfs.has("size") ? lfs.get("size").getAsLong()
                            : sibling.has("size") ? sibling.get("size").getAsLong() : -1;
                    String sha256 = lfs != null && lfs.has("sha256") ? hex(lfs.get("sha256").getAsString(), 64) : null;
                    String blobId = sibling.has("blobId") ? hex(sibling.get("blobId").getAsString(), 40) : null;
                    files.put(sibling.get("rfilename").getAsString(), new RemoteFile(size, sha256, blobId));
                }
            }
            return new RepoInfo(commit, files);
        } catch (RuntimeException e) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "the Hub's answer for " + uri + " is not the expected"
                    + " JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The Hub's blob ids name files in the cache: only lower-case hex of the expected length is taken,
     * so that an answer cannot name a path ({@code ../../x}).
     */
    private static String hex(String id, int length) {
        if (!HEX.matcher(id).matches() || id.length() != length) {
            throw new JsonParseException("'" + id + "' is not a hex id of " + length + " digits");
        }
        return id;
    }

    private Path fetch(HubReference reference, RepoInfo info, Path repoDir, Path snapshot, String file) {
        RemoteFile remote = info.files().get(file);
        if (remote == null) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "the Hub repository " + reference.repo()
                    + " at commit " + info.commit() + " has no " + file);
        }
        Path target = snapshot.resolve(file).normalize();
        if (!target.startsWith(snapshot)) {
            throw new ScoringException(ErrorCode.INVALID_DATA, "the Hub lists a file outside the repository: " + file);
        }
        String blobName = remote.sha256() != null ? remote.sha256()
                : remote.blobId() != null ? remote.blobId() : null;
        Path blob = blobName == null ? null : repoDir.resolve("blobs").resolve(blobName);
        if (Files.isRegularFile(target) && (remote.size() < 0 || size(target) == remote.size())) {
            return target;
        }
        try {
            Files.createDirectories(target.getParent());
            if (blob == null) {
                // No id to name a blob by: the file goes straight into the snapshot.
                whileLocked(target, () -> {
                    if (!complete(target, remote)) {
                        download(reference, info, file, remote, target.resolveSibling(target.getFileName() + INCOMPLETE),
                                target);
                    }
                });
                return target;
            }
            Files.createDirectories(blob.getParent());
            whileLocked(blob, () -> {
                if (!complete(blob, remote)) {
                    download(reference, info, file, remote, blob.resolveSibling(blobName + INCOMPLETE), blob);
                }
                // Linked by whoever held the lock before: left alone, since a reader may be opening it.
                if (!complete(target, remote)) {
                    link(target, blob);
                }
            });
            return target;
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "cannot store " + file + " of " + reference.repo()
                    + " in the Hub cache " + repoDir + ": " + e.getMessage(), e);
        }
    }

    private void download(HubReference reference, RepoInfo info, String file, RemoteFile remote, Path partial,
                          Path destination) throws IOException {
        URI uri = URI.create(settings.endpoint() + "/" + reference.repo() + "/resolve/" + info.commit() + "/"
                + encodePath(file));
        long have = Files.isRegularFile(partial) ? Files.size(partial) : 0;
        if (remote.size() >= 0 && have > remote.size()) {
            Files.delete(partial);
            have = 0;
        }
        HttpRequest.Builder request = request(uri).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        long resumeFrom = have;
        // The body goes straight to the partial file, capped at the size the Hub lists; waiting on the
        // future (not on a blocking read) lets an interrupted thread (a cancelled job) stop the download.
        CompletableFuture<HttpResponse<Long>> pending = http.sendAsync(request.build(), response -> {
            long listed = remote.size() >= 0 ? remote.size()
                    : response.headers().firstValue("X-Linked-Size").map(v -> Long.parseLong(v.trim())).orElse(-1L);
            long limit = listed >= 0 ? listed : MAX_UNLISTED_BYTES;
            if (response.statusCode() == 206 && resumeFrom > 0) {
                return new CappedFileBody(uri, partial, resumeFrom, limit);
            }
            if (response.statusCode() == 200) {
                return new CappedFileBody(uri, partial, 0, limit);
            }
            return HttpResponse.BodySubscribers.replacing(-1L);
        });
        HttpResponse<Long> response;
        try {
            response = pending.get();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ScoringException(ErrorCode.CANCELLED, "the download of " + uri + " was cancelled after "
                    + (Files.isRegularFile(partial) ? Files.size(partial) : 0) + " bytes (run again to resume)", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ScoringException capped) {
                throw capped;
            }
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "the download of " + uri + " broke off after "
                    + (Files.isRegularFile(partial) ? Files.size(partial) : 0) + " bytes: " + e.getCause()
                    + " (run again to resume)", e.getCause());
        }
        int status = response.statusCode();
        long expectedSize = remote.size();
        String expectedSha = remote.sha256();
        Optional<String> linkedSize = response.headers().firstValue("X-Linked-Size");
        Optional<String> linkedEtag = response.headers().firstValue("X-Linked-Etag");
        if (expectedSize < 0 && linkedSize.isPresent()) {
            expectedSize = Long.parseLong(linkedSize.get().trim());
        }
        if (expectedSha == null && linkedEtag.isPresent()) {
            String etag = linkedEtag.get().replace("\"", "").replace("W/", "").trim();
            expectedSha = SHA256.matcher(etag).matches() ? etag : null;
        }
        boolean complete = status == 416 && have > 0 && have == expectedSize;
        if (!complete && response.body() < 0) {
            throw new ScoringException(status == 404 ? ErrorCode.FILE_NOT_FOUND : ErrorCode.DOWNLOAD_FAILED,
                    "the Hub answered HTTP " + status + " for " + uri);
        }
        long size = Files.size(partial);
        if (expectedSize >= 0 && size != expectedSize) {
            Files.delete(partial);
            throw new ScoringException(ErrorCode.DATASET_CHECKSUM_MISMATCH, file + " of " + reference.repo()
                    + " at commit " + info.commit() + " has " + size + " bytes, the Hub lists " + expectedSize
                    + "; the download was deleted, run again");
        }
        if (expectedSha != null) {
            String actual = sha256(partial);
            if (!actual.equals(expectedSha)) {
                Files.delete(partial);
                throw new ScoringException(ErrorCode.DATASET_CHECKSUM_MISMATCH, file + " of " + reference.repo()
                        + " at commit " + info.commit() + " has sha256 " + actual + ", the Hub lists " + expectedSha
                        + "; the download was deleted, run again");
            }
        }
        Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean complete(Path file, RemoteFile remote) {
        return Files.isRegularFile(file) && (remote.size() < 0 || size(file) == remote.size());
    }

    /** A step that reads or writes the cache. */
    @FunctionalInterface
    private interface CacheStep {
        void run() throws IOException;
    }

    /**
     * Runs a step while holding {@code <file>.lock}: threads of this JVM wait on a lock of their own,
     * other processes (workers sharing the cache) on a file lock, so that two downloads of one file never
     * share its {@code .incomplete} file. The step checks again whether the file is complete: the one
     * who held the lock before may have fetched it.
     */
    private static void whileLocked(Path file, CacheStep step) throws IOException {
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        ReentrantLock inThisJvm = DOWNLOAD_LOCKS.computeIfAbsent(lockFile.toAbsolutePath(), p -> new ReentrantLock());
        inThisJvm.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock acrossProcesses = channel.lock()) {
            step.run();
        } finally {
            inThisJvm.unlock();
        }
    }

    private static void link(Path target, Path blob) throws IOException {
        Files.deleteIfExists(target);
        try {
            Files.createSymbolicLink(target, target.getParent().relativize(blob));
        } catch (UnsupportedOperationException | IOException e) {
            Files.copy(blob, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10))
                .header("User-Agent", "langscore");
        if (settings.token() != null) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder;
    }

    private static List<String> shardsOf(Path index) {
        try {
            JsonObject json = JsonParser.parseString(Files.readString(index, StandardCharsets.UTF_8)).getAsJsonObject();
            TreeSet<String> shards = new TreeSet<>();
            for (Map.Entry<String, JsonElement> entry : json.getAsJsonObject("weight_map").entrySet()) {
                shards.add(entry.getValue().getAsString());
            }
            return new ArrayList<>(shards);
        } catch (IOException | RuntimeException e) {
            throw new ScoringException(ErrorCode.MODEL_LOAD_FAILED, "cannot read the shard list ('weight_map') of "
                    + index + ": " + e.getMessage(), e);
        }
    }

    private static String encodePath(String file) {
        StringBuilder encoded = new StringBuilder();
        for (String segment : file.split("/")) {
            if (encoded.length() > 0) {
                encoded.append('/');
            }
            encoded.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return encoded.toString();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
