package org.langscore.syntaxgym;

/** The publication behind the SyntaxGym benchmarks. */
final class Publications {
    /** Hu, Gauthier, Qian, Wilcox and Levy (2020), ACL. */
    static final String HU_ET_AL_2020 = """
            @inproceedings{hu-etal-2020-systematic,
                title = "A Systematic Assessment of Syntactic Generalization in Neural Language Models",
                author = "Hu, Jennifer and Gauthier, Jon and Qian, Peng and Wilcox, Ethan and Levy, Roger",
                booktitle = "Proceedings of the 58th Annual Meeting of the Association for Computational Linguistics",
                month = jul,
                year = "2020",
                address = "Online",
                publisher = "Association for Computational Linguistics",
                url = "https://aclanthology.org/2020.acl-main.158",
                doi = "10.18653/v1/2020.acl-main.158",
                pages = "1725--1744"
            }
            """;

    private Publications() {
    }
}
