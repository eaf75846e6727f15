package org.kexeclab.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.testkit.Engines;

/**
 * The remote protocol as a client sees it, on a real prepared kexec served over a loopback
 * socket: framing, acknowledgements, the queries GDB sends on attach, stepping both ways, and a
 * fuzzer of malformed packets after each of which the server still answers.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GdbServerProtocolTest {
    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private DebuggedKexec kexec;
    private GdbServer server;
    private Future<GdbServer.Outcome> served;
    private final StringWriter log = new StringWriter();

    @BeforeEach
    void serve() throws Exception {
        serve(org.kexeclab.testkit.TestImages.spread(2, 2));
    }

    private void serve(List<org.kexeclab.testkit.TestImages.Seg> segments) throws Exception {
        if (server != null) {
            server.close();
            kexec.run().close();
        }
        Arch arch = Arches.byName("arm64");
        kexec = DebuggedKexecs.of(arch, Engines.java(), segments);
        server = GdbServer.listen(0).checkpointInterval(64);
        served = pool.submit(() -> server.serveOne(kexec, null, Duration.ofSeconds(30), new PrintWriter(log, true)));
    }

    @AfterEach
    void stop() throws Exception {
        pool.shutdownNow();
        pool.awaitTermination(20, TimeUnit.SECONDS);
        server.close();
        kexec.run().close();
    }

    @Test
    void attach_queriesGdbSends_answeredWithFeaturesAndStopAtStubStart() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            String supported = c.ask("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386");
            assertTrue(supported.contains("qXfer:features:read+"), supported);
            assertTrue(supported.contains("ReverseStep+") && supported.contains("ReverseContinue+"), supported);
            c.noAck();
            String xml = c.ask("qXfer:features:read:target.xml:0,3fff");
            assertTrue(xml.startsWith("l") && xml.contains("<architecture>aarch64</architecture>"), xml);
            assertTrue(xml.contains("org.gnu.gdb.aarch64.core"), xml);
            assertEquals("T05thread:1;", c.ask("?"));
            String pc = c.ask("p20"); // aarch64: x0..x30, sp, pc
            assertEquals(kexec.run().launch().begin(), Long.reverseBytes(Long.parseUnsignedLong(pc, 16)));
            assertEquals("", c.ask("qNoSuchQuery"));
            assertEquals("", c.ask("~"));
        }
        assertEquals(GdbServer.Outcome.DISCONNECTED, served.get(20, TimeUnit.SECONDS));
    }

    @Test
    void badChecksum_answeredWithNakAndTheNextPacketServed() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.raw("$?#00");
            assertEquals('-', c.ack());
            assertEquals("T05thread:1;", c.ask("?"));
        }
    }

    @Test
    void oversizeAndTruncatedPackets_rejectedAndTheNextPacketServed() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.raw("$" + "a".repeat(RemoteChannel.MAX_PACKET + 10) + "#00");
            assertEquals('-', c.ack());
            c.raw("$?#3"); // truncated: its checksum's second digit is the next packet's '$'
            c.raw("$?#3f");
            assertEquals('-', c.ack()); // the client sends again, as GDB does
            assertEquals("T05thread:1;", c.ask("?"));
        }
    }

    @Test
    void stepThenStepBack_registersEqualTheForwardVisit() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            for (int i = 0; i < 100; i++) {
                assertEquals("T05thread:1;", c.ask("s"));
            }
            String before = c.ask("g");
            String memoryBefore = c.ask("m" + Long.toHexString(0x1000000) + ",40");
            for (int i = 0; i < 150; i++) {
                c.ask("s");
            }
            assertNotEquals(before, c.ask("g"));
            for (int i = 0; i < 150; i++) {
                assertEquals("T05thread:1;", c.ask("bs"));
            }
            assertEquals(before, c.ask("g"));
            assertEquals(memoryBefore, c.ask("m" + Long.toHexString(0x1000000) + ",40"));
            assertEquals("T05thread:1;replaylog:begin;", c.ask("bc"));
        }
    }

    @Test
    void continueToTheEntry_reportsTheVerdictAndExits() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            assertEquals("W00", c.ask("c"));
        }
        assertEquals(GdbServer.Outcome.VERIFIED, served.get(20, TimeUnit.SECONDS));
        assertTrue(log.toString().contains("the kexec is verified"), log.toString());
    }

    @Test
    void malformedPackets_eachAnsweredWithAnErrorOrEmpty_andTheServerKeepsServing() throws Exception {
        List<String> bad = new ArrayList<>(List.of("m", "m,", "mzz,4", "m0,ffffffffffffffff", "mffffffffffff0000,10",
                "M0,4:zz", "Mffffffffffff0000,2:0000", "X10,ffffffff:", "G12", "P", "Pzz=00", "p9999", "Z0",
                "Z9,0,4", "Z2,1000000,0", "Z2,1000000,ffffffff", "qXfer:features:read:other.xml:0,10",
                "qXfer:features:read:target.xml:zz", "qRcmd,zz", "vCont;x", "vFile:open:", "bx", "H", "\u00ff\u00fe"));
        Random r = new Random(42);
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            b.append("mMXgGpPZzqQvbcs?".charAt(r.nextInt(16)));
            int n = r.nextInt(40);
            for (int k = 0; k < n; k++) {
                b.append("0123456789abcdefxyz,:;=-".charAt(r.nextInt(24)));
            }
            String p = b.toString();
            if (!p.startsWith("c") && !p.startsWith("s") && !p.startsWith("b") && !p.startsWith("vCont")
                    && !p.startsWith("vKill") && !p.startsWith("vFile") && !p.startsWith("G") && !p.startsWith("P")
                    && !p.startsWith("M") && !p.startsWith("X") && !p.startsWith("Z") && !p.startsWith("qRcmd")) {
                bad.add(p); // anything that does not resume, write or end the target
            }
        }
        try (RemoteClient c = new RemoteClient(server.port())) {
            String pc = c.ask("p20");
            for (String p : bad) {
                String reply;
                try {
                    reply = c.ask(p);
                } catch (java.io.IOException e) {
                    throw new AssertionError("after " + p + ": " + e.getMessage() + " " + served.get(5, TimeUnit.SECONDS), e);
                }
                assertTrue(reply.isEmpty() || reply.matches("E[0-9a-f]{2}") || reply.equals("OK")
                        || reply.matches("[0-9a-fx]*") || reply.startsWith("T") || reply.startsWith("l")
                        || reply.startsWith("m") || reply.startsWith("F-1") || reply.equals("1")
                        || reply.startsWith("QC") || reply.startsWith("PacketSize"), p + " -> " + reply);
                assertEquals(pc, c.ask("p20"), "after " + p);
            }
            assertEquals("E14", c.ask("m" + Long.toHexString(-0x10000L) + ",10"));
        }
        assertEquals(GdbServer.Outcome.DISCONNECTED, served.get(20, TimeUnit.SECONDS));
        assertFalse(log.toString().contains("Exception"), log.toString());
    }

    @Test
    void clientGoneWhileRunning_sessionEndsAndLeavesNoReaderThread() throws Exception {
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            c.raw(RemoteClient.frame("c"));
        }
        GdbServer.Outcome o = served.get(30, TimeUnit.SECONDS);
        assertTrue(o == GdbServer.Outcome.DISCONNECTED || o == GdbServer.Outcome.VERIFIED, o.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (readerAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(readerAlive(), "the connection's reader thread outlived its session");
    }

    @Test
    void sourcePageOutsideMemory_continue_stopsWithSigsegvAndSaysWhy() throws Exception {
        org.kexeclab.image.LoadedImage loaded = kexec.run().loaded();
        long entry = loaded.list().entryAddress(loaded.sourceEntry(0, 0));
        long bad = 0xf0000000L | org.kexeclab.image.IndirectionList.IND_SOURCE;
        byte[] b = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(bad).array();
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            assertEquals("OK", c.ask("M" + Long.toHexString(entry) + ",8:" + Hex.bytes(b, 0, 8)));
            c.raw(RemoteClient.frame("c"));
            String console = c.packet();
            assertTrue(console.startsWith("O"), console);
            String text = new String(Hex.parseBytes(console.substring(1)), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(text.contains("0xf0000000"), text);
            assertEquals("T0bthread:1;", c.reply());
            assertEquals("T0bthread:1;", c.ask("?"));
        }
    }

    @Test
    void interrupt_whileContinuing_stopsWithSigint() throws Exception {
        serve(org.kexeclab.testkit.TestImages.spread(1, 4096)); // 16 MiB to copy: far more than the interrupt takes to arrive
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            c.raw(RemoteClient.frame("c") + "\u0003"); // one write: the interrupt cannot lag behind the run
            String stop = c.reply();
            assertEquals("T02thread:1;", stop);
            assertEquals(stop, c.ask("?"));
        }
    }

    @Test
    void continue_checkpointDueInsideEntryProbe_verifiedAsWithoutDebugger() throws Exception {
        // 256 pages with a checkpoint every 64 instructions: one falls due while the entry probe runs
        serve(org.kexeclab.testkit.TestImages.spread(1, 256));
        try (RemoteClient c = new RemoteClient(server.port())) {
            c.noAck();
            assertEquals("W00", c.ask("c"), log::toString);
        }
        assertEquals(GdbServer.Outcome.VERIFIED, served.get(20, TimeUnit.SECONDS));
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("kexec-lab gdb reader") && t.isAlive());
    }
}
