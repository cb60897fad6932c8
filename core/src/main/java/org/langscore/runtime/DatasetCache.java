package org.langscore.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * Finds a {@link DataFile}: in a local data directory when one is given (the file must be there),
 * else in the cache, else downloaded into the cache. Every file is checked against its SHA-256
 * before use; a download goes to a temporary file that is moved into place only once it is verified.
 */
public final class DatasetCache {
    private final Path cacheDirectory;
    private final Optional<Path> dataDirectory;
    private final HttpClient http;

    /**
     * @param cacheDirectory where downloads are kept
     * @param dataDirectory a local copy of the data, used instead of downloading when present
     */
    public DatasetCache(Path cacheDirectory, Optional<Path> dataDirectory) {
        this.cacheDirectory = cacheDirectory;
        this.dataDirectory = dataDirectory;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    /**
     * @return a verified local path of the file
     * @throws ScoringException naming the file and the expected checksum when it is missing or altered
     */
    public Path resolve(DataFile file) {
        if (dataDirectory.isPresent()) {
            Path local = dataDirectory.get().resolve(file.relativePath());
            if (!Files.isRegularFile(local)) {
                throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "data file " + local + " is missing (expected "
                        + file.relativePath() + " with sha256 " + file.sha256() + " below data directory "
                        + dataDirectory.get() + ")");
            }
            verify(local, file);
            return local;
        }
        Path cached = cacheDirectory.resolve(file.relativePath());
        if (Files.isRegularFile(cached)) {
            verify(cached, file);
            return cached;
        }
        download(file, cached);
        return cached;
    }

    private void download(DataFile file, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
            try {
                HttpRequest request = HttpRequest.newBuilder(file.source()).timeout(Duration.ofMinutes(10)).GET().build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "downloading " + file.relativePath() + " from "
                            + file.source() + " failed with HTTP " + response.statusCode());
                }
                try (InputStream body = response.body()) {
                    Files.copy(body, temporary, StandardCopyOption.REPLACE_EXISTING);
                }
                verify(temporary, file);
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.DOWNLOAD_FAILED, "downloading " + file.relativePath() + " from "
                    + file.source() + " failed: " + e.getMessage()
                    + " (offline? pass a local copy with --data-dir)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScoringException(ErrorCode.CANCELLED, "download of " + file.relativePath() + " was interrupted", e);
        }
    }

    /**
     * @throws ScoringException with {@link ErrorCode#DATASET_CHECKSUM_MISMATCH} naming the file and both checksums
     */
    public static void verify(Path path, DataFile file) {
        String actual = sha256(path);
        if (!actual.equals(file.sha256())) {
            throw new ScoringException(ErrorCode.DATASET_CHECKSUM_MISMATCH, "data file " + path + " has sha256 " + actual
                    + " but " + file.relativePath() + " must have sha256 " + file.sha256()
                    + " (truncated or altered; delete it to download it again)");
        }
    }

    /** @return the lower-case hex SHA-256 of a file */
    public static String sha256(Path path) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the digest stream hashes what passes through
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read data file " + path, e);
        } catch (NoSuchAlgorithmException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "SHA-256 is missing from this JDK", e);
        }
    }
}
