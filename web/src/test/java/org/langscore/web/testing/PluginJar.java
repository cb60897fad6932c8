package org.langscore.web.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.langscore.spi.Plugin;
import org.langscore.web.fake.FakePlugin;

/** Builds a plugin jar of the fake plugin's compiled classes, as a contributor would drop one in. */
public final class PluginJar {
    private PluginJar() {
    }

    /** Writes {@code <directory>/fake-plugin.jar} and returns its path. */
    public static Path writeFakePlugin(Path directory) throws IOException, URISyntaxException {
        Path classes = Path.of(FakePlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDirectory = classes.resolve(FakePlugin.class.getPackageName().replace('.', '/'));
        Files.createDirectories(directory);
        Path jar = directory.resolve("fake-plugin.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> files = Files.list(packageDirectory)) {
            for (Path classFile : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(classFile));
                out.closeEntry();
            }
            out.putNextEntry(new JarEntry("META-INF/services/" + Plugin.class.getName()));
            out.write((FakePlugin.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** @return the command that runs the packaged application with a java of this JVM's */
    public static List<String> javaCommand() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
