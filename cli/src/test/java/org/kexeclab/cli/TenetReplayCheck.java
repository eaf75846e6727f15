package org.kexeclab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.image.LoadedImage;
import org.kexeclab.image.Placement;
import org.kexeclab.kexec.KexecOptions;
import org.kexeclab.kexec.KexecOutcome;
import org.kexeclab.kexec.KexecRun;
import org.kexeclab.kexec.MachineKexec;
import org.kexeclab.trace.TenetTraceSink;
import org.kexeclab.trace.TraceHeader;
import org.kexeclab.trace.TraceRegisters;
import org.kexeclab.trace.TraceSink;
import org.kexeclab.trace.TraceStep;

/**
 * Replays a Tenet trace as it is written, by the rules of Tenet's {@code TraceReader}
 * ({@code plugins/tenet/trace/reader.py}): the state at line k is every register item and every
 * {@code mr}/{@code mw} byte of lines 0..k, the latest line winning and, on one line, a write
 * beating a read. At each line it compares that state with the emulator's: the instruction
 * pointer with the instruction about to run, the registers and every byte the trace has shown
 * with the CPU's as they stand before that instruction.
 *
 * <p>The emulator's memory is followed for a fixed set of bytes, read from the CPU before the
 * first instruction and re-read after every instruction that touched one of them: a first run
 * ({@code watched} empty, no comparison) finds the set, a second run checks.
 */
final class TenetReplayCheck implements TraceSink {
    private static final Set<String> AMD64 = Set.of("rax", "rbx", "rcx", "rdx", "rbp", "rsp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15");
    private static final Set<String> ARM32 = Set.of("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9",
            "r10", "r11", "r12", "sp", "lr");

    private final Cpu cpu;
    private final long entry;
    private final Set<Long> watched;
    private final boolean check;
    private final StringWriter text = new StringWriter();
    private final TenetTraceSink tenet = new TenetTraceSink(text);
    private final Set<Long> touched = new TreeSet<>();
    private final Map<Long, Integer> emulatorMemory = new HashMap<>();
    private final Map<String, Long> emulatorRegisters = new HashMap<>();
    private final Map<Long, Integer> replayMemory = new HashMap<>();
    private final Map<String, Long> replayRegisters = new HashMap<>();
    private final byte[] scratch = new byte[16];
    private TraceRegisters registers;
    private Set<String> tenetNames;
    private String ip;
    private int parsed;
    private long lines;
    private long bytesCompared;

    private TenetReplayCheck(Cpu cpu, long entry, Set<Long> watched) {
        this.cpu = cpu;
        this.entry = entry;
        this.watched = watched;
        this.check = !watched.isEmpty();
    }

    /** Traces the one-page image on {@code arch} into Tenet's format, checking it if {@code watched} is given. */
    static TenetReplayCheck run(Arch arch, Set<Long> watched) throws Exception {
        MachineKexec machine = Arches.support(arch).machineKexec();
        ImageOptions options = new ImageOptions();
        options.image = "one-page";
        options.placement = Placement.SCATTER;
        LoadedImage loaded = DemoRunner.load(machine, options, "one-page");
        try (KexecRun run = KexecRun.prepare(machine, loaded, KexecOptions.defaults(), CpuEngines.forArch(arch))) {
            TenetReplayCheck sink = new TenetReplayCheck(run.cpu(), loaded.image().entry(), watched);
            KexecOutcome o = run.execute(sink);
            assertTrue(o.verified(), o.failure());
            return sink;
        }
    }

    @Override
    public void start(TraceHeader h) {
        tenet.start(h);
        registers = h.registers();
        tenetNames = h.arch().name().equals("x86_64") ? AMD64 : ARM32;
        ip = h.arch().name().equals("x86_64") ? "rip" : "pc";
        for (long a : watched) {
            emulatorMemory.put(a, readByte(a));
        }
        readRegisters();
    }

    @Override
    public void step(TraceStep s) {
        tenet.step(s);
        replayNewLines(s.pc());
        for (int a = 0; a < s.accessCount(); a++) {
            for (int b = 0; b < s.accessSize(a); b++) {
                long address = s.accessAddress(a) + b;
                touched.add(address);
                if (watched.contains(address)) {
                    emulatorMemory.put(address, readByte(address));
                }
            }
        }
        readRegisters();
    }

    /** The last line: the state after the last instruction, at the entry point (the probe that runs there is not traced). */
    @Override
    public void finish(String outcome) {
        tenet.finish(outcome);
        replayNewLines(entry);
    }

    /** Replays the lines the Tenet sink wrote since the last call; the last one must stand at {@code pc}. */
    private void replayNewLines(long pc) {
        String all = text.getBuffer().substring(parsed);
        parsed += all.length();
        for (String line : all.split("\n")) {
            if (!line.isEmpty()) {
                replay(line);
                lines++;
            }
        }
        if (check) {
            compare(pc);
        }
    }

    private void replay(String line) {
        Map<Long, Integer> written = new HashMap<>();
        for (String item : line.split(",")) {
            String name = item.substring(0, item.indexOf('=')).toLowerCase(Locale.ROOT);
            String value = item.substring(item.indexOf('=') + 1);
            if (name.equals("mr") || name.equals("mw") || name.equals("mrw")) {
                long address = Long.parseUnsignedLong(value.substring(2, value.indexOf(':')), 16);
                String hex = value.substring(value.indexOf(':') + 1);
                for (int b = 0; b < hex.length() / 2; b++) {
                    int v = Integer.parseInt(hex.substring(2 * b, 2 * b + 2), 16);
                    if (!name.equals("mr")) {
                        written.put(address + b, v);
                    } else if (!written.containsKey(address + b)) {
                        replayMemory.put(address + b, v);
                    }
                }
            } else {
                replayRegisters.put(name, Long.parseUnsignedLong(value.substring(2), 16));
            }
        }
        replayMemory.putAll(written);
    }

    private void compare(long pc) {
        String at = "line " + lines + " (" + ip + " 0x" + Long.toHexString(pc) + ")";
        assertEquals(pc, replayRegisters.get(ip), at + ": the instruction pointer");
        for (String r : tenetNames) {
            assertEquals(emulatorRegisters.get(r), replayRegisters.get(r), at + ": register " + r);
        }
        for (Map.Entry<Long, Integer> e : replayMemory.entrySet()) {
            Integer actual = emulatorMemory.get(e.getKey());
            assertTrue(actual != null, at + ": byte 0x" + Long.toHexString(e.getKey()) + " was never watched");
            if (actual.intValue() != e.getValue()) {
                assertEquals(String.format("%02x", actual), String.format("%02x", e.getValue()),
                        at + ": Tenet's reader and the emulator disagree on byte 0x" + Long.toHexString(e.getKey()));
            }
            bytesCompared++;
        }
    }

    private int readByte(long address) {
        cpu.read(address, scratch, 0, 1);
        return scratch[0] & 0xff;
    }

    private void readRegisters() {
        for (int i = 0; i < registers.size(); i++) {
            if (tenetNames.contains(registers.lowerName(i))) {
                emulatorRegisters.put(registers.lowerName(i), cpu.readRegister(registers.register(i)));
            }
        }
    }

    /** Every byte address the traced instructions loaded or stored. */
    Set<Long> touched() {
        return touched;
    }

    /** Lines replayed. */
    long lines() {
        return lines;
    }

    /** Byte comparisons made, over all lines. */
    long bytesCompared() {
        return bytesCompared;
    }
}
