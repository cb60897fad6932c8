/** Causal language models in float32 on DJL's PyTorch engine: configuration, immutable weights, per-sequence KV caches. */
package org.langscore.huggingface.model;
