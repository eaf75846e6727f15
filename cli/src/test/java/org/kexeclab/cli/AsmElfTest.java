package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Stub;

/**
 * {@code asm --elf}: the stub as an ELF file at the address it runs from, its {@code .S} source
 * beside it, readable by GDB (symbols and source lines) where gdb-multiarch is installed.
 */
class AsmElfTest {
    @TempDir
    Path dir;

    static java.util.stream.Stream<String> debuggable() {
        return Arches.all().stream().filter(a -> Arches.support(a).gdbTarget().isPresent()).map(Arch::name);
    }

    @ParameterizedTest
    @MethodSource("debuggable")
    void asmElf_atAnOrigin_writesAnElfOfTheArchitectureWithTheStubAtThatAddressAndItsSource(String name)
            throws Exception {
        Arch arch = Arches.byName(name);
        Path elf = dir.resolve("stub.elf");
        CliRunner.Result r = CliRunner.run("asm", "--arch", name, "--origin", "0x200000", "--elf", elf.toString());
        assertEquals(0, r.status(), r.err());
        byte[] b = Files.readAllBytes(elf);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(b, 4));
        assertEquals(arch.wordSize() == 8 ? 2 : 1, b[4], "ELF class");
        assertEquals(arch.byteOrder() == ByteOrder.LITTLE_ENDIAN ? 1 : 2, b[5], "ELF data encoding");
        ByteBuffer h = ByteBuffer.wrap(b).order(arch.byteOrder());
        assertEquals(Arches.support(arch).elf().machine(), h.getShort(18) & 0xffff, "e_machine");
        Stub stub = Arches.support(arch).machineKexec().assembleStub(0x200000);
        String source = stub.listing().location(0).file();
        assertTrue(Files.readString(dir.resolve(source)).contains("kexec_copy_page"), source);
        assertTrue(indexOf(b, stub.bytes()) >= 0, "the stub's bytes are in the file");
        Path gdb = onPath("gdb-multiarch");
        assumeTrue(gdb != null, "gdb-multiarch is not installed here, so GDB's reading of the file is not checked");
        Process p = new ProcessBuilder(gdb.toString(), "-nx", "-batch", elf.toString(),
                "-ex", "info line kexec_copy_page", "-ex", "p/x &kexec_copy_page").redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb-multiarch did not end");
        assertTrue(out.contains("of \"" + source + "\" starts at address 0x"
                + Long.toHexString(stub.symbol("kexec_copy_page"))), out);
    }

    @Test
    void asmElf_aDirectory_isBadInputAndWritesNothing() {
        CliRunner.Result r = CliRunner.run("asm", "--arch", Arches.all().get(0).name(), "--elf", dir.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is a directory"), r.err());
    }

    @Test
    void asmElf_aFifo_isBadInputAndLeftAFifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        assumeTrue(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0, "mkfifo is not available");
        CliRunner.Result r = CliRunner.run("asm", "--arch", Arches.all().get(0).name(), "--elf", fifo.toString());
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("is not a regular file"), r.err());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the FIFO was replaced");
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(fifo), files.toList(), "nothing else written");
        }
    }

    @Test
    void asmElf_aSymlinkToAFile_replacesTheFileAndKeepsTheLink() throws Exception {
        Path file = dir.resolve("real.elf");
        Files.writeString(file, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.elf"), file);
        CliRunner.Result r = CliRunner.run("asm", "--arch", Arches.all().get(0).name(), "--elf", link.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.isSymbolicLink(link), "the link was replaced");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, Arrays.copyOf(Files.readAllBytes(file), 4));
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String d : path == null ? new String[0] : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
