package org.langscore.huggingface.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive ({@code .pt}) for a module with no parameters, buffers or attributes
 * but {@code training}, from TorchScript source text: what {@code torch.jit.save} would write for such
 * a module, made without Python.
 *
 * <p>The archive is a zip of stored (uncompressed) entries under one top-level folder, the archive's
 * name:
 * <ul>
 *   <li>{@code <name>/version}: the file-format version, {@value #FILE_FORMAT_VERSION};</li>
 *   <li>{@code <name>/data.pkl}: the module object, pickled (protocol 2) with the opcodes TorchScript's
 *       own unpickler reads: a {@code GLOBAL} naming the class {@code __torch__.<Class>}, {@code NEWOBJ}
 *       of an empty tuple, then {@code BUILD} with the attribute dictionary {@code {"training": False}};</li>
 *   <li>{@code <name>/constants.pkl}: the tensor constants of the code, here none (an empty tuple);</li>
 *   <li>{@code <name>/code/__torch__.py}: the class's source, compiled by libtorch when it loads.</li>
 * </ul>
 * In that source a dtype is written as its integer code ({@code torch.to(x, 15)} for bfloat16,
 * {@code 6} for float32): the serialized-code resolver knows no {@code torch.bfloat16}.
 */
final class TorchScriptArchive {

    /**
     * The format version written: 10, the newest libtorch 2.x reads. The loader compiles the code against
     * the op schemas of the archive's version (older versions get upgraders: under 10, {@code gelu} has no
     * {@code approximate} argument), so the newest version gives today's schemas.
     */
    static final int FILE_FORMAT_VERSION = 10;

    private TorchScriptArchive() {
    }

    /**
     * Writes the archive {@code <folder>/<name>.pt}.
     *
     * @param folder an existing folder
     * @param name the archive's name and top-level folder (letters, digits, underscores)
     * @param className the class that {@code source} defines, without the {@code __torch__.} prefix
     * @param source the class's TorchScript source: {@code class <className>(Module):} with
     *     {@code __parameters__ = []}, {@code __buffers__ = []}, {@code training : bool} and its methods
     * @return the archive's path
     * @throws IOException when the folder cannot be written
     */
    static Path write(Path folder, String name, String className, String source) throws IOException {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*") || !className.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("archive and class names must be identifiers: " + name + ", " + className);
        }
        Path archive = folder.resolve(name + ".pt");
        try (OutputStream file = Files.newOutputStream(archive); ZipOutputStream zip = new ZipOutputStream(file)) {
            stored(zip, name + "/data.pkl", moduleObject(className));
            stored(zip, name + "/code/__torch__.py", source.getBytes(StandardCharsets.UTF_8));
            stored(zip, name + "/constants.pkl", emptyTuple());
            stored(zip, name + "/version", (FILE_FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return archive;
    }

    /** The pickle of {@code __torch__.<className>} with {@code training = False}. */
    static byte[] moduleObject(String className) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80);                                                   // PROTO
        out.write(2);
        out.writeBytes(("c__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));   // GLOBAL
        out.write(')');                                                    // EMPTY_TUPLE
        out.write(0x81);                                                   // NEWOBJ
        out.write('}');                                                    // EMPTY_DICT
        out.write('(');                                                    // MARK
        unicode(out, "training");                                          // BINUNICODE key
        out.write(0x89);                                                   // NEWFALSE value
        out.write('u');                                                    // SETITEMS
        out.write('b');                                                    // BUILD
        out.write('.');                                                    // STOP
        return out.toByteArray();
    }

    /** The pickle of an empty tuple: no constants. */
    static byte[] emptyTuple() {
        return new byte[] {(byte) 0x80, 2, ')', '.'};
    }

    private static void unicode(ByteArrayOutputStream out, String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.write('X');
        int length = utf8.length;
        out.write(length & 0xff);                                          // little-endian uint32 length
        out.write((length >>> 8) & 0xff);
        out.write((length >>> 16) & 0xff);
        out.write((length >>> 24) & 0xff);
        out.writeBytes(utf8);
    }

    private static void stored(ZipOutputStream zip, String path, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
