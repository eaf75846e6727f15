package org.kexeclab.gdb;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.kexeclab.arch.ArchSupport;
import org.kexeclab.arch.Arches;
import org.kexeclab.arch.GdbTarget;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.EngineException;
import org.kexeclab.engine.GuestMemoryException;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;

/**
 * One debugger's session on a prepared kexec: reads packets from the {@link RemoteChannel},
 * answers queries, moves the {@link Timeline} forward and back, and reports stops in the remote
 * protocol's words (SIGTRAP for a step or a breakpoint, SIGSEGV for a memory fault, SIGILL for an
 * instruction the CPU cannot execute, SIGINT for Ctrl-C). It ends when the debugger detaches or
 * kills, when its connection ends, or when the stub reaches the new kernel's entry: then the
 * verdict goes to GDB's console and to {@code log}, and GDB sees the process exit (status 0 when
 * verified, 1 when not). An unknown packet gets the empty reply and a malformed one an error; the
 * session goes on either way.
 */
final class GdbSession {
    /** How the session ended. */
    enum End { DETACHED, KILLED, DISCONNECTED, VERIFIED, FAILED }

    private static final String SIGINT = "02";
    private static final String SIGILL = "04";
    private static final String SIGTRAP = "05";
    private static final String SIGSEGV = "0b";

    private RemoteChannel channel;
    private final DebuggedKexec kexec;
    private final Cpu cpu;
    private final RegisterFile registers;
    private final String targetXml;
    private final Path execFile;
    private final HostFiles files;
    private final StopPoints points = new StopPoints();
    private final Timeline timeline;
    private final PrintWriter log;
    private String lastStop = "T" + SIGTRAP + "thread:1;";
    private End end;
    private boolean closed;

    /** Prepares everything before a debugger connects, so its first packets are answered at once. */
    GdbSession(DebuggedKexec kexec, Path execFile, int interval, PrintWriter log) {
        this.kexec = kexec;
        this.cpu = kexec.run().cpu();
        ArchSupport support = Arches.support(cpu.arch());
        GdbTarget target = support.gdbTarget().orElseThrow(() -> new IllegalArgumentException(
                cpu.arch().name() + " offers GDB no target description"));
        this.registers = new RegisterFile(target, cpu.arch().byteOrder());
        this.targetXml = TargetXml.of(target);
        this.execFile = execFile;
        this.files = new HostFiles(execFile);
        this.log = log;
        kexec.stopAtStubStart();
        this.timeline = new Timeline(cpu, support, points, kexec.entry(), kexec.budget(), interval);
    }

    /** Serves the debugger on {@code channel} until the session ends; returns how. */
    End serve(RemoteChannel channel) throws IOException {
        this.channel = channel;
        try {
            while (end == null) {
                String p = channel.read();
                if (p == null) {
                    end = End.DISCONNECTED;
                    break;
                }
                if (p.equals(RemoteChannel.INTERRUPT)) {
                    continue; // the target is stopped already
                }
                String reply = handle(p);
                if (reply != null && !sent(reply)) {
                    end = end == null ? End.DISCONNECTED : end;
                    break;
                }
            }
            return end;
        } finally {
            close();
        }
    }

    /**
     * Sends {@code reply}; false if it cannot reach the debugger (it closed its end: a broken pipe
     * or a reset connection), which ends the session as a read that finds the end of the stream
     * does. A client may leave while the target runs, and then only its reply has nowhere to go.
     */
    private boolean sent(String reply) {
        try {
            channel.sendPacket(reply);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes the session's hooks from the CPU; idempotent. */
    void close() {
        if (!closed) {
            closed = true;
            timeline.close();
        }
    }

    /** The timeline (for tests and measurements). */
    Timeline timeline() {
        return timeline;
    }

    /** The reply to one packet, or null when none is due. */
    String handle(String p) throws IOException {
        try {
            return dispatch(p);
        } catch (GuestMemoryException | EngineException outsideGuestMemory) {
            return "E14";
        } catch (IllegalArgumentException | IndexOutOfBoundsException malformed) {
            return "E01";
        } catch (RuntimeException unexpected) {
            // a packet no check above foresaw must not end the session: say so and go on serving
            log.println("kexec-lab gdbserver: could not handle the packet '" + shorten(p) + "': " + unexpected);
            log.flush();
            return "E01";
        }
    }

    private static String shorten(String p) {
        return p.length() <= 40 ? p : p.substring(0, 40) + "...";
    }

    private String dispatch(String p) throws IOException {
        char c = p.isEmpty() ? 0 : p.charAt(0);
        switch (c) {
            case '?':
                return lastStop;
            case 'g':
                return p.length() == 1 ? registers.readAll(cpu) : "E01";
            case 'G':
                registers.writeAll(cpu, p.substring(1));
                timeline.restartHistory();
                return "OK";
            case 'p': {
                String v = registers.read(cpu, (int) Math.min(Hex.parse(p.substring(1)), Integer.MAX_VALUE));
                return v == null ? "E00" : v;
            }
            case 'P':
                return writeRegister(p.substring(1));
            case 'm':
                return readMemory(p.substring(1));
            case 'M':
            case 'X':
                return writeMemory(p);
            case 'c':
            case 's':
            case 'C':
            case 'S':
                return resume(c == 's' || c == 'S' ? 1 : -1, p.substring(1), c == 'C' || c == 'S');
            case 'b':
                return reverse(p);
            case 'Z':
            case 'z':
                return stopPoint(p);
            case 'H':
            case 'T':
                return "OK";
            case 'D':
                end = End.DETACHED;
                return "OK";
            case 'k':
                end = End.KILLED;
                return null;
            case 'q':
                return query(p);
            case 'Q':
                return p.equals("QStartNoAckMode") ? noAck() : "";
            case 'v':
                return verbose(p);
            default:
                return "";
        }
    }

    private String noAck() throws IOException {
        channel.sendPacket("OK");
        channel.noAck();
        return null;
    }

    private String query(String p) throws IOException {
        if (p.startsWith("qSupported")) {
            return "PacketSize=" + Integer.toHexString(RemoteChannel.MAX_PACKET) + ";QStartNoAckMode+;"
                    + "qXfer:features:read+;" + (execFile != null ? "qXfer:exec-file:read+;" : "")
                    + "swbreak+;hwbreak+;ReverseStep+;ReverseContinue+;vContSupported+";
        }
        if (p.startsWith("qXfer:features:read:")) {
            return transfer(p.substring("qXfer:features:read:".length()), "target.xml", targetXml);
        }
        if (p.startsWith("qXfer:exec-file:read:") && execFile != null) {
            String rest = p.substring("qXfer:exec-file:read:".length());
            return transfer(rest.substring(rest.indexOf(':') + 1), null, execFile.toString());
        }
        if (p.startsWith("qRcmd,")) {
            return monitor(new String(Hex.parseBytes(p.substring(6)), StandardCharsets.UTF_8).strip());
        }
        return switch (p) {
            case "qAttached" -> "1";
            case "qC" -> "QC1";
            case "qfThreadInfo" -> "m1";
            case "qsThreadInfo" -> "l";
            case "qSymbol::" -> "OK";
            default -> "";
        };
    }

    /** A {@code qXfer} read: {@code annex:offset,length} (annex checked when {@code name} is given) of {@code text}. */
    private static String transfer(String request, String name, String text) {
        int colon = request.lastIndexOf(':');
        if (name != null && (colon < 0 || !request.substring(0, colon).equals(name))) {
            return "E00";
        }
        String[] range = request.substring(colon + 1).split(",");
        if (range.length != 2) {
            return "E01";
        }
        byte[] all = text.getBytes(StandardCharsets.UTF_8);
        long offset = Hex.parse(range[0]);
        long asked = Hex.parse(range[1]);
        if (offset < 0 || asked < 0) {
            return "E01";
        }
        long length = Math.min(asked, RemoteChannel.MAX_PACKET / 2);
        if (offset >= all.length) {
            return "l";
        }
        int n = (int) Math.min(length, all.length - offset);
        return (offset + n < all.length ? "m" : "l") + Hex.escape(all, (int) offset, n);
    }

    private String verbose(String p) throws IOException {
        if (p.equals("vCont?")) {
            return "vCont;c;C;s;S";
        }
        if (p.startsWith("vCont;")) {
            String action = p.substring(6).split(";")[0];
            int colon = action.indexOf(':');
            String a = colon < 0 ? action : action.substring(0, colon);
            return switch (a.isEmpty() ? ' ' : a.charAt(0)) {
                case 'c', 'C' -> resume(-1, "", false);
                case 's', 'S' -> resume(1, "", false);
                default -> "E01";
            };
        }
        if (p.startsWith("vFile:")) {
            return files.handle(p.substring(6));
        }
        if (p.startsWith("vKill")) {
            end = End.KILLED;
            return "OK";
        }
        return "";
    }

    private String writeRegister(String arg) {
        int eq = arg.indexOf('=');
        if (eq < 0) {
            return "E01";
        }
        boolean ok = registers.write(cpu, (int) Math.min(Hex.parse(arg.substring(0, eq)), Integer.MAX_VALUE),
                arg.substring(eq + 1));
        if (ok) {
            timeline.restartHistory();
        }
        return ok ? "OK" : "E01";
    }

    private String readMemory(String arg) {
        String[] a = arg.split(",");
        if (a.length != 2) {
            return "E01";
        }
        long address = Hex.parse(a[0]);
        long asked = Hex.parse(a[1]);
        if (asked < 0) {
            return "E01";
        }
        int length = (int) Math.min(asked, RemoteChannel.MAX_PACKET / 2 - 16);
        byte[] b = new byte[length];
        int n = readable(address, b);
        return n == 0 && length > 0 ? "E14" : Hex.bytes(b, 0, n);
    }

    /** Reads as many of {@code b}'s bytes from {@code address} as guest memory holds; returns how many. */
    private int readable(long address, byte[] b) {
        try {
            cpu.read(address, b, 0, b.length);
            return b.length;
        } catch (GuestMemoryException | EngineException | IllegalArgumentException partly) {
            int n = 0;
            while (n < b.length) {
                try {
                    cpu.read(address + n, b, n, 1);
                    n++;
                } catch (GuestMemoryException | EngineException | IllegalArgumentException outside) {
                    break;
                }
            }
            return n;
        }
    }

    private String writeMemory(String p) {
        int colon = p.indexOf(':');
        String[] a = p.substring(1, colon < 0 ? p.length() : colon).split(",");
        if (colon < 0 || a.length != 2) {
            return "E01";
        }
        long address = Hex.parse(a[0]);
        long length = Hex.parse(a[1]);
        byte[] data = p.charAt(0) == 'X' ? Hex.unescape(p.substring(colon + 1)) : Hex.parseBytes(p.substring(colon + 1));
        if (data.length != length) {
            return "E01";
        }
        if (length > 0) {
            cpu.write(address, data);
            timeline.restartHistory();
        }
        return "OK";
    }

    private String stopPoint(String p) {
        String[] a = p.substring(1).split("[,;]");
        StopPoints.Kind kind = a.length < 3 || a[0].length() != 1 ? null : StopPoints.Kind.ofDigit(a[0].charAt(0));
        if (kind == null) {
            return "";
        }
        long address = Hex.parse(a[1]);
        long length = Hex.parse(a[2]);
        boolean insert = p.charAt(0) == 'Z';
        if (kind.isBreak()) {
            if (!insert) {
                points.removeBreak(address);
                return "OK";
            }
            return points.addBreak(address, kind) ? "OK" : "E28";
        }
        if (length == 0 || Long.compareUnsigned(length, 0x10000) > 0) {
            return "E16";
        }
        StopPoints.Watch w = new StopPoints.Watch(address, length, kind);
        boolean ok = true;
        if (insert) {
            ok = points.addWatch(w);
        } else {
            points.removeWatch(w);
        }
        timeline.watchpointsChanged();
        return ok ? "OK" : "E28";
    }

    private String resume(long steps, String arg, boolean withSignal) throws IOException {
        String at = withSignal ? (arg.contains(";") ? arg.substring(arg.indexOf(';') + 1) : "") : arg;
        if (!at.isEmpty()) {
            cpu.writeRegister(cpu.registers().pc(), Hex.parse(at));
            timeline.restartHistory();
        }
        channel.running(true);
        TimelineEvent e;
        try {
            e = timeline.resume(steps, channel::interruptedOrGone);
        } finally {
            channel.running(false);
        }
        return stopReply(e);
    }

    private String reverse(String p) throws IOException {
        TimelineEvent e;
        if (p.equals("bs")) {
            e = timeline.stepBack();
        } else if (p.equals("bc")) {
            channel.running(true);
            try {
                e = timeline.continueBack(channel::interruptedOrGone);
            } finally {
                channel.running(false);
            }
        } else {
            return "";
        }
        return stopReply(e);
    }

    /** The stop reply for {@code e}; at the entry, the verdict first, then the exit. */
    private String stopReply(TimelineEvent e) throws IOException {
        String reply = switch (e.kind()) {
            case STEPPED -> "T" + SIGTRAP + "thread:1;";
            case BREAKPOINT -> "T" + SIGTRAP + "thread:1;"
                    + (e.point() == StopPoints.Kind.HARDWARE_BREAK ? "hwbreak:;" : "swbreak:;");
            case WATCHPOINT -> "T" + SIGTRAP + "thread:1;" + watchWord(e.point()) + ":" + Long.toHexString(e.address()) + ";";
            case INTERRUPTED -> "T" + SIGINT + "thread:1;";
            case HISTORY_BEGIN -> "T" + SIGTRAP + "thread:1;replaylog:begin;";
            case BUDGET -> {
                console(String.format("kexec-lab: the stub's instruction budget of %,d ran out.%n", kexec.budget()));
                yield "T" + SIGTRAP + "thread:1;";
            }
            case FAULT -> fault(e.run());
            case ENTRY -> null;
        };
        if (reply == null) {
            return entry(e.run());
        }
        lastStop = reply;
        return reply;
    }

    private static String watchWord(StopPoints.Kind kind) {
        return kind == StopPoints.Kind.READ_WATCH ? "rwatch" : kind == StopPoints.Kind.ACCESS_WATCH ? "awatch" : "watch";
    }

    private String fault(RunResult r) throws IOException {
        console("kexec-lab: " + r.message() + "\n");
        String signal = r.reason() == StopReason.MEMORY_FAULT ? SIGSEGV
                : r.reason() == StopReason.INVALID_INSTRUCTION || r.reason() == StopReason.CPU_EXCEPTION ? SIGILL : SIGTRAP;
        return "T" + signal + "thread:1;";
    }

    private String entry(RunResult r) throws IOException {
        RunResult counted = new RunResult(r.reason(), r.pc(), r.faultAddress(), r.access(), r.exceptionNumber(),
                timeline.now(), r.elapsedNanos());
        close(); // the history ends at the entry: its hooks must not stop or count the probe and purgatory runs
        DebuggedKexec.Verdict v = kexec.finish(counted);
        console(v.text());
        log.print(v.text());
        log.flush();
        end = v.verified() ? End.VERIFIED : End.FAILED;
        return v.verified() ? "W00" : "W01";
    }

    /** Text for GDB's console: {@code O} packets, sent while the target runs, before the stop reply. */
    private void console(String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int chunk = RemoteChannel.MAX_PACKET / 2 - 8;
        for (int at = 0; at < b.length; at += chunk) {
            channel.sendPacket("O" + Hex.bytes(b, at, Math.min(chunk, b.length - at)));
        }
    }

    private String monitor(String command) throws IOException {
        String out = switch (command) {
            case "list" -> kexec.listInWords();
            case "verify" -> kexec.verifyNow(timeline.now());
            case "history" -> String.format("%,d instructions recorded, %,d checkpoints (every %,d instructions), "
                    + "%,d journalled stores.%n", timeline.now(), timeline.checkpointCount(), timeline.interval(),
                    timeline.journalEntries());
            case "help", "" -> "monitor list     the indirection list, entry by entry, in words\n"
                    + "monitor verify   the oracle's word on the destination pages now\n"
                    + "monitor history  what reverse execution has recorded\n";
            default -> "unknown monitor command '" + command + "'; monitor help lists them\n";
        };
        console(out);
        return "OK";
    }
}
