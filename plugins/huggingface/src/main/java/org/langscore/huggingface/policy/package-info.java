/** Context policies: how a text longer than the model's window is scored token by token (truncate, sliding, strided, brainscore-kv, reset). */
package org.langscore.huggingface.policy;
