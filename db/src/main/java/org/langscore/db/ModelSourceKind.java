package org.langscore.db;

/** Where a registered model's weights come from. */
public enum ModelSourceKind {
    /** A folder or file on a path the server may read (under a configured root). */
    LOCAL,
    /** A Hugging Face Hub repository id pinned to a revision. */
    HUB
}
