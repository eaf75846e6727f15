package org.kexeclab.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU binutils' {@code readelf -lW}, an ELF reader kexec-lab did not write, on bytes kexec-lab
 * built (an ELF core header): the file type it names and every program header it lists. A test
 * that calls it is skipped, with one sentence, where binutils is not installed.
 */
public final class Readelf {
    private static final Pattern PHDR = Pattern.compile(
            "^\\s*(NOTE|LOAD)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)\\s+0x([0-9a-f]+)(.*)$");

    /**
     * One program header as readelf prints it.
     *
     * @param type   NOTE or LOAD
     * @param offset p_offset
     * @param vaddr  p_vaddr
     * @param paddr  p_paddr
     * @param filesz p_filesz
     * @param memsz  p_memsz
     * @param flags  readelf's flag letters ("RWE"; "" for none)
     */
    public record Header(String type, long offset, long vaddr, long paddr, long filesz, long memsz, String flags) {
    }

    /**
     * What readelf said.
     *
     * @param output  its whole output
     * @param type    the "Elf file type is ..." word (CORE, EXEC, ...)
     * @param headers the program headers, in order
     */
    public record Listing(String output, String type, List<Header> headers) {
    }

    private Readelf() {
    }

    /** {@code readelf -lW} on {@code bytes}, written to a file in {@code dir}. */
    public static Listing programHeaders(byte[] bytes, Path dir) {
        try {
            Path f = Files.write(Files.createTempFile(dir, "elf", ".core"), bytes);
            Process p;
            try {
                p = new ProcessBuilder("readelf", "-lW", f.toString()).redirectErrorStream(true).start();
            } catch (IOException notInstalled) {
                assumeTrue(false, "readelf is not installed here (Debian package binutils)");
                throw notInstalled;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("readelf -lW failed on the ELF core header:\n" + out);
            }
            Matcher t = Pattern.compile("Elf file type is (\\S+)").matcher(out);
            List<Header> headers = new ArrayList<>();
            for (String line : out.split("\\R")) {
                Matcher m = PHDR.matcher(line);
                if (m.find()) {
                    headers.add(new Header(m.group(1), hex(m.group(2)), hex(m.group(3)), hex(m.group(4)),
                            hex(m.group(5)), hex(m.group(6)), flags(m.group(7))));
                }
            }
            return new Listing(out, t.find() ? t.group(1) : "?", headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The flag letters before the alignment column ("RWE 0" -> "RWE", "    0" -> ""). */
    private static String flags(String rest) {
        String[] words = rest.strip().split("\\s+");
        return words.length == 2 ? words[0] : "";
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s, 16);
    }
}
