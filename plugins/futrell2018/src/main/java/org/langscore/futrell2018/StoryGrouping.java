package org.langscore.futrell2018;

/** How the stories are handed to the subject: which words share one {@code digestText} call, and so one context. */
public enum StoryGrouping {
    /** All ten stories, 10,256 words, as one call: Brain-Score's {@code Futrell2018-pearsonr}. */
    ALL_STORIES_ONE_CALL("Futrell2018-pearsonr",
            "Natural Stories self-paced reading times: |Pearson r| of surprisal and mean RT, all 10 stories as one text"),
    /** One call per story, so that no story is context for another; scored per story too. */
    ONE_CALL_PER_STORY("Futrell2018-pearsonr-story",
            "Natural Stories self-paced reading times: |Pearson r| of surprisal and mean RT, one text per story");

    private final String identifier;
    private final String description;

    StoryGrouping(String identifier, String description) {
        this.identifier = identifier;
        this.description = description;
    }

    /** @return the benchmark identifier */
    public String identifier() {
        return identifier;
    }

    /** @return a one-line description for listings */
    public String description() {
        return description;
    }
}
