package org.langscore.web.cli;

import picocli.CommandLine;

/** The version printed by {@code langscore --version}, from the jar manifest. */
public final class LangscoreVersion implements CommandLine.IVersionProvider {

    /** @return the langscore version, or "development" when not run from a built jar */
    public static String version() {
        String version = LangscoreVersion.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"langscore " + version()};
    }
}
