/** Downloads of HuggingFace Hub models into the Hub's own cache layout, pinned to a commit and verified. */
package org.langscore.huggingface.hub;
