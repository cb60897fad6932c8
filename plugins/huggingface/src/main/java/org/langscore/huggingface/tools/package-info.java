/** Command-line tools of the HuggingFace plugin, such as writing random-weight models with real shapes for benchmarks. */
package org.langscore.huggingface.tools;
