/** The memory pre-flight: what a model run will need, what the machine and the JVM have, and the verdict. */
package org.langscore.huggingface.memory;
