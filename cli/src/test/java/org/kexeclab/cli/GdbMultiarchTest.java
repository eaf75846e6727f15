package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.asm.Listing;
import org.kexeclab.asm.Stub;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Segment;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.testkit.Engines;
import picocli.CommandLine;

/**
 * {@code gdbserver} driven by the real client, Debian's gdb-multiarch in batch mode: attach,
 * registers, the indirection page, breakpoints by symbol and by source line on the copy routine,
 * next and reverse-next, a watchpoint on a destination word, reverse-stepi and reverse-continue back to the breakpoint
 * with the registers of the forward visit, and on to the new kernel's entry and the verdict.
 *
 * <p>CI runs one engine per architecture (alternating); {@code -Dkexeclab.gdb.matrix=full} runs
 * every architecture on both engines. Skipped where gdb-multiarch is not installed.
 */
class GdbMultiarchTest {
    private static final String GDB = "gdb-multiarch";
    private static final boolean FULL = "full".equals(System.getProperty("kexeclab.gdb.matrix"));
    private static final ExecutorService SERVERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gdbserver under test");
        t.setDaemon(true);
        return t;
    });

    @TempDir
    Path dir;

    static Stream<String[]> cases() {
        List<String[]> cases = new ArrayList<>();
        int i = 0;
        for (Arch a : Arches.all()) {
            if (Arches.support(a).gdbTarget().isEmpty()) {
                continue;
            }
            if (FULL) {
                cases.add(new String[] {a.name(), "java"});
                cases.add(new String[] {a.name(), "unicorn"});
            } else {
                cases.add(new String[] {a.name(), i++ % 2 == 0 ? "java" : "unicorn"});
            }
        }
        return cases.stream();
    }

    @AfterAll
    static void stopServers() {
        SERVERS.shutdownNow();
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void gdbMultiarch_breakWatchReverseAndContinue_seesSourceLinesEqualRegistersAndTheVerdict(String archName,
                                                                                               String engine)
            throws Exception {
        Path gdb = onPath(GDB);
        assumeTrue(gdb != null, "gdb-multiarch is not installed here, so the real client cannot be run");
        Arch arch = Arches.byName(archName);
        // one engine per architecture in CI: the named one if it runs the architecture here
        String runOn = !FULL && !Engines.named(engine).probe(arch).supported() ? "java" : engine;
        Engines.assumeRuns(Engines.named(runOn), arch);
        MachineKexec machine = Arches.support(arch).machineKexec();
        ImageOptions image = new ImageOptions();
        new CommandLine(image).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--image", "small");
        LoadedImage loaded = DemoRunner.load(machine, image, "demo");
        Segment first = loaded.image().segments().get(0);
        long watched = first.mem() + nonZeroWord(first);
        long page = loaded.head() & -(long) arch.pageSize();
        Stub stub = machine.assembleStub(0x100000) /* lines do not depend on the origin */;
        String file = stub.listing().location(0).file();
        int line = lineOf(stub, stub.symbol("kexec_copy_page"));

        StringWriter err = new StringWriter();
        Future<Integer> server = SERVERS.submit(() -> KexecLab.execute(new java.io.ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "gdbserver", "--arch", archName, "--engine", runOn, "--image", "small", "--port", "0", "--wait", "60"));
        int port = port(err, server);
        Path script = dir.resolve("session.gdb");
        Files.writeString(script, String.join("\n",
                "set pagination off", "set confirm off", "set width 0",
                "target remote :" + port,
                "info registers",
                "p $pc",
                String.format(Locale.ROOT, "x/8gx 0x%x", page),
                "break kexec_copy_page",
                "break " + file + ":" + line,
                "continue",
                "echo @@FORWARD\\n", "info registers", "echo @@END\\n",
                "next",
                "reverse-next",
                "echo @@RNEXT\\n", "info registers", "echo @@END\\n",
                "delete 2",
                String.format(Locale.ROOT, "watch *(unsigned int *)0x%x", watched),
                "continue",
                "delete",
                "reverse-stepi",
                "break kexec_copy_page",
                "reverse-continue",
                "echo @@BACK\\n", "info registers", "echo @@END\\n",
                "delete",
                "continue", ""));
        Process p = new ProcessBuilder(gdb.toString(), "-nx", "-batch", "-x", script.toString())
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "gdb-multiarch did not end");
        String text = new String(out, StandardCharsets.UTF_8);
        int status = server.get(60, TimeUnit.SECONDS);

        String where = String.format(Locale.ROOT, "file %s, line %d.", file, line);
        assertTrue(text.matches("(?s).*Breakpoint 1 at 0x[0-9a-f]+: " + Pattern.quote(where) + ".*"), text);
        assertTrue(text.matches("(?s).*Breakpoint 2 at 0x[0-9a-f]+: " + Pattern.quote(where) + ".*"), text);
        assertTrue(text.contains("Breakpoint 1, kexec_copy_page () at " + file + ":" + line), text);
        assertTrue(text.contains(String.format(Locale.ROOT, "atchpoint 3: *(unsigned int *)0x%x", watched)), text);
        assertTrue(text.contains("Old value = ") && text.contains("New value = "), text);
        assertTrue(text.contains("Breakpoint 4, kexec_copy_page () at " + file + ":" + line), text);
        assertEquals(between(text, "@@FORWARD"), between(text, "@@RNEXT"),
                "the registers after next and reverse-next must equal the forward visit's");
        assertEquals(between(text, "@@FORWARD"), between(text, "@@BACK"),
                "the registers after reverse-continue must equal the forward visit's");
        assertTrue(text.contains("the kexec is verified"), text);
        assertTrue(text.contains("exited normally"), text);
        assertEquals(0, status, err.toString());
        assertTrue(err.toString().contains("the kexec is verified"), err.toString());
    }

    /** The offset of the first 4-byte word of the segment's first page that is not zero. */
    private static long nonZeroWord(Segment s) {
        byte[] b = new byte[4096];
        s.data().read(0, b, 0, (int) Math.min(b.length, s.bufsz()));
        for (int i = 0; i + 4 <= b.length; i += 4) {
            if ((b[i] | b[i + 1] | b[i + 2] | b[i + 3]) != 0) {
                return i;
            }
        }
        throw new AssertionError("the demo's first page is all zero");
    }

    /** The source line of the instruction at {@code address} (not a label there). */
    private static int lineOf(Stub stub, long address) {
        Listing l = stub.listing();
        for (int i = 0; i < l.size(); i++) {
            if (l.address(i) == address && l.length(i) > 0) {
                return l.location(i).line();
            }
        }
        throw new AssertionError("no instruction at 0x" + Long.toHexString(address));
    }

    private static String between(String text, String mark) {
        int from = text.indexOf(mark + "\n");
        assertTrue(from >= 0, "no " + mark + " in " + text);
        int to = text.indexOf("@@END", from);
        return text.substring(from + mark.length() + 1, to);
    }

    private static int port(StringWriter err, Future<Integer> server) throws Exception {
        Pattern listening = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = listening.matcher(err.toString());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (server.isDone()) {
                throw new AssertionError("gdbserver ended (" + server.get() + ") before listening: " + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("gdbserver did not listen within a minute: " + err);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(File.pathSeparator)) {
            Path p = Path.of(d, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
