/** The HuggingFace subject: causal language models from HuggingFace folders or the Hub, scored as Brain-Score's HuggingfaceSubject does. */
package org.langscore.huggingface;
