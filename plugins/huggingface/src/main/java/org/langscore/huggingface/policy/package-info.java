/** Context policies: how a text longer than the model's window is scored token by token (the kinds are registered in {@link org.langscore.huggingface.policy.PolicyKind}). */
package org.langscore.huggingface.policy;
