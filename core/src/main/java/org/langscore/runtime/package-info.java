/** Host-side helpers shared by the CLI and the service: progress rates, checkpoint files, the langscore home. */
package org.langscore.runtime;
