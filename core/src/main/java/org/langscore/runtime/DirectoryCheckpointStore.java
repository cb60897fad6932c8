package org.langscore.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.langscore.spi.CheckpointStore;
import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/**
 * A {@link CheckpointStore} of files in a directory, one file per key (named by the key's SHA-256),
 * written to a temporary file and moved into place so that a crash never leaves a partial checkpoint.
 */
public final class DirectoryCheckpointStore implements CheckpointStore {
    private final Path directory;

    /** @param directory where the checkpoint files live; created when needed */
    public DirectoryCheckpointStore(Path directory) {
        this.directory = directory;
    }

    private Path file(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return directory.resolve(HexFormat.of().formatHex(digest) + ".ckpt");
        } catch (NoSuchAlgorithmException e) {
            throw new ScoringException(ErrorCode.INTERNAL, "SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public Optional<byte[]> load(String key) {
        try {
            return Optional.of(Files.readAllBytes(file(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot read checkpoint " + file(key), e);
        }
    }

    @Override
    public void save(String key, byte[] data) {
        Path target = file(key);
        try {
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "checkpoint", ".tmp");
            Files.write(temporary, data);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot write checkpoint " + target, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(file(key));
        } catch (IOException e) {
            throw new ScoringException(ErrorCode.FILE_NOT_FOUND, "cannot delete checkpoint " + file(key), e);
        }
    }
}
