package org.langscore.huggingface.hub;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A model on the HuggingFace Hub: {@code org/name}, optionally {@code @revision} (a branch, tag or commit;
 * {@code main} when absent).
 *
 * @param repo the repository id, {@code org/name}
 * @param revision the branch, tag or commit
 */
public record HubReference(String repo, String revision) {
    private static final Pattern REFERENCE = Pattern.compile(
            "([A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*)(?:@([A-Za-z0-9][A-Za-z0-9._/-]*))?");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");

    /** The revision used when none is given. */
    public static final String DEFAULT_REVISION = "main";

    public HubReference {
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
        if (!REFERENCE.matcher(repo + "@" + revision).matches() || repo.contains("..") || revision.contains("..")) {
            throw new IllegalArgumentException("not a Hub model reference: " + repo + "@" + revision);
        }
    }

    /**
     * @param reference {@code org/name} or {@code org/name@revision}
     * @return the reference, or empty when the string is not of that form
     */
    public static Optional<HubReference> parse(String reference) {
        Matcher matcher = REFERENCE.matcher(reference);
        if (!matcher.matches() || reference.contains("..")) {
            return Optional.empty();
        }
        String revision = matcher.group(2) == null ? DEFAULT_REVISION : matcher.group(2);
        return Optional.of(new HubReference(matcher.group(1), revision));
    }

    /** @return true when the revision is a full commit hash, which never moves */
    public boolean isCommit() {
        return COMMIT.matcher(revision).matches();
    }

    /** @return the folder name of the repository in the Hub cache, {@code models--org--name} */
    public String cacheFolderName() {
        return "models--" + repo.replace("/", "--");
    }

    @Override
    public String toString() {
        return repo + "@" + revision;
    }
}
