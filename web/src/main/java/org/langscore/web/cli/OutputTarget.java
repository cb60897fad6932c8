package org.langscore.web.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.langscore.spi.ErrorCode;
import org.langscore.spi.ScoringException;

/** Checks an output file before hours of work are spent producing what goes into it. */
final class OutputTarget {
    private OutputTarget() {
    }

    /**
     * @param target the file to be written, or null when none
     * @param option the option that named it, for the message
     */
    static void check(Path target, String option) {
        if (target == null) {
            return;
        }
        if (Files.isDirectory(target)) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, option + " " + target
                    + " is a directory; give a file name");
        }
        Path parent = target.toAbsolutePath().getParent();
        Path existing = parent;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new ScoringException(ErrorCode.INVALID_ARGUMENT, option + " " + target + " cannot be written (folder "
                    + existing + " is not a writable directory)");
        }
    }
}
