package org.langscore.spi;

/** The behavioural tasks a {@link Subject} can be asked to perform (Brain-Score's task names). */
public enum Task {
    /** Reading times: the surprisal of each part in bits, summed over its sub-tokens. */
    READING_TIMES,
    /** Next word: the most probable continuation after each part. */
    NEXT_WORD
}
