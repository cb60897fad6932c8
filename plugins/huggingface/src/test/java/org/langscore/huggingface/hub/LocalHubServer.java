package org.langscore.huggingface.hub;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for the HuggingFace Hub on 127.0.0.1 that serves local folders in the Hub's URL layout:
 * {@code GET /api/models/<repo>/revision/<rev>?blobs=true} (commit and siblings, with the {@code lfs}
 * size and sha256 of {@code *.safetensors} files) and {@code GET /<repo>/resolve/<commit>/<file>} (with
 * byte-range support and the {@code X-Linked-Size}/{@code X-Linked-Etag} headers of LFS files). It
 * records every request, and can corrupt a file to test checksum checks.
 */
final class LocalHubServer implements AutoCloseable {
    /** One request as the server saw it. */
    record Request(String method, String path, String range, String authorization) {
    }

    private final HttpServer server;
    private final Map<String, Path> repos = new ConcurrentHashMap<>();
    private final Map<String, String> commits = new ConcurrentHashMap<>();
    private final Set<String> corrupted = ConcurrentHashMap.newKeySet();
    private volatile boolean listLfs = true;
    private volatile String forcedBlobId;
    private final Set<String> padded = ConcurrentHashMap.newKeySet();
    private volatile Thread interruptedMidway;
    final List<Request> requests = new CopyOnWriteArrayList<>();

    LocalHubServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Serves a folder as repository {@code repo} whose revision {@code main} is {@code commit}. */
    void addRepo(String repo, String commit, Path folder) {
        repos.put(repo, folder);
        commits.put(repo, commit);
    }

    /** Flips one byte of the file in every later download of it. */
    void corrupt(String file) {
        corrupted.add(file);
    }

    /** Serves the file with a megabyte more than the API lists, as a hostile or broken mirror might. */
    void pad(String file) {
        padded.add(file);
    }

    /** Interrupts the thread (a cancelled job's) after the first part of every weights file has been sent. */
    void interruptMidway(Thread thread) {
        interruptedMidway = thread;
    }

    /** Lists this blob id for every file, as a hostile or broken Hub might. */
    void listBlobId(String blobId) {
        forcedBlobId = blobId;
    }

    /** Leaves the {@code lfs} block out of the API's siblings, so that only the resolve headers say the sha256. */
    void hideLfsInfo() {
        listLfs = false;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<Request> resolveRequests() {
        return requests.stream().filter(r -> r.path().contains("/resolve/")).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestHeaders().getFirst("Range"),
                    exchange.getRequestHeaders().getFirst("Authorization")));
            if (path.startsWith("/api/models/")) {
                apiModel(exchange, path.substring("/api/models/".length()));
            } else if (path.contains("/resolve/")) {
                resolve(exchange, path);
            } else {
                send(exchange, 404, "not found".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void apiModel(HttpExchange exchange, String rest) throws IOException {
        int at = rest.indexOf("/revision/");
        String repo = at < 0 ? rest : rest.substring(0, at);
        String revision = at < 0 ? "main" : java.net.URLDecoder.decode(rest.substring(at + "/revision/".length()),
                StandardCharsets.UTF_8);
        Path folder = repos.get(repo);
        if (folder == null || !(revision.equals("main") || revision.equals(commits.get(repo)))) {
            send(exchange, 404, "{\"error\":\"Repository not found\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonObject json = new JsonObject();
        json.addProperty("id", repo);
        json.addProperty("sha", commits.get(repo));
        JsonArray siblings = new JsonArray();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                JsonObject sibling = new JsonObject();
                sibling.addProperty("rfilename", name);
                if (listLfs) {
                    sibling.addProperty("size", Files.size(file));
                    sibling.addProperty("blobId", forcedBlobId != null ? forcedBlobId : gitBlobId(file));
                }
                if (name.endsWith(".safetensors") && listLfs) {
                    JsonObject lfs = new JsonObject();
                    lfs.addProperty("sha256", HubClient.sha256(file));
                    lfs.addProperty("size", Files.size(file));
                    lfs.addProperty("pointerSize", 134);
                    sibling.add("lfs", lfs);
                }
                siblings.add(sibling);
            }
        }
        json.add("siblings", siblings);
        send(exchange, 200, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void resolve(HttpExchange exchange, String path) throws IOException {
        int at = path.indexOf("/resolve/");
        String repo = path.substring(1, at);
        String[] commitAndFile = path.substring(at + "/resolve/".length()).split("/", 2);
        Path folder = repos.get(repo);
        if (folder == null || !commitAndFile[0].equals(commits.get(repo)) || commitAndFile.length < 2) {
            send(exchange, 404, "Entry not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Path file = folder.resolve(commitAndFile[1]);
        if (!Files.isRegularFile(file)) {
            send(exchange, 404, "Entry not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] bytes = Files.readAllBytes(file);
        if (commitAndFile[1].endsWith(".safetensors")) {
            exchange.getResponseHeaders().add("X-Linked-Size", Long.toString(bytes.length));
            exchange.getResponseHeaders().add("X-Linked-Etag", "\"" + HubClient.sha256(file) + "\"");
        }
        if (corrupted.contains(commitAndFile[1])) {
            bytes[bytes.length / 2] ^= 0x5A;
        }
        if (padded.contains(commitAndFile[1])) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length + (1 << 20));
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        if (range != null && range.startsWith("bytes=") && range.endsWith("-")) {
            int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            if (from >= bytes.length) {
                send(exchange, 416, new byte[0]);
                return;
            }
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/"
                    + bytes.length);
            send(exchange, 206, java.util.Arrays.copyOfRange(bytes, from, bytes.length));
            return;
        }
        Thread toInterrupt = interruptedMidway;
        if (toInterrupt != null && commitAndFile[1].endsWith(".safetensors")) {
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                int half = bytes.length / 2;
                out.write(bytes, 0, half);
                out.flush();
                toInterrupt.interrupt();
                sleepQuietly(300);
                out.write(bytes, half, bytes.length - half);
            } catch (IOException e) {
                // The client stopped reading: what a cancelled download does.
            }
            return;
        }
        send(exchange, 200, bytes);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The git blob id (sha1 of "blob <size>\0" + content), as the Hub lists for every file. */
    static String gitBlobId(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            java.security.MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8));
            sha1.update(content);
            return java.util.HexFormat.of().formatHex(sha1.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
