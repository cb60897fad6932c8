/** Tokenization of a subject's context: the HuggingFace tokenizer, the context string and the part-to-token alignment. */
package org.langscore.huggingface.tokenizer;
