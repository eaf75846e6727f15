package org.kexeclab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import org.kexeclab.engine.RegisterSet;

/**
 * Tenet's text trace (the trace explorer gaasedelen/tenet: {@code tracers/README.md}, read by
 * {@code trace/file.py} and {@code trace/reader.py}): one line per position in time, each the
 * delta since the previous line, comma-separated {@code name=value} items and nothing else:
 * <ul>
 * <li>line k holds the instruction pointer of instruction k, the instruction about to run, and
 *     what instruction k-1 did: the registers it changed and its loads and stores. Tenet's
 *     reader takes the registers and the memory of every line up to k as the state at k, so both
 *     belong with the instruction that made them, never with the one about to run;</li>
 * <li>the first line carries every register (the state before the first instruction) and no
 *     memory; after the last instruction one more line carries its effects and the address the
 *     CPU went on to (the entry point, or where a stopped run stands);</li>
 * <li>register items use the names of Tenet's architecture definition
 *     ({@link RegisterSet.Tenet}, supplied by the architecture's register set), values in hex
 *     with {@code 0x};</li>
 * <li>{@code mr=ADDR:HEX} / {@code mw=ADDR:HEX} for loads and stores, the address in hex, the
 *     bytes in memory order as an even number of hex digits.</li>
 * </ul>
 * Only architectures whose register set names Tenet's definition ({@link RegisterSet#tenet()})
 * can be traced this way (some of them only with an unreleased Tenet:
 * {@link RegisterSet.Tenet#caveat()}). Loops are never folded: Tenet needs every step. The
 * format has no comments nor markers, so a run of several legs (stub, then purgatory) is one
 * continuous trace: the purgatory's first line is simply the first at its address.
 */
public final class TenetTraceSink implements TraceSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder pendingRegisters = new StringBuilder(256);
    private final StringBuilder pendingMemory = new StringBuilder(256);
    private boolean[] included;
    private String[] names;
    private String ip;
    private boolean stepped;
    private long nextIp;

    /** Writes to {@code out}. */
    public TenetTraceSink(Writer out) {
        this.out = out;
    }

    @Override
    public void start(TraceHeader h) {
        RegisterSet.Tenet tenet = h.registers().tenet().orElseThrow(() -> new IllegalArgumentException(
                "Tenet reads no " + h.arch() + " traces: use --format text or jsonl"));
        Set<String> known = tenet.registers();
        ip = tenet.pc();
        TraceRegisters regs = h.registers();
        included = new boolean[regs.size()];
        names = new String[regs.size()];
        pendingRegisters.setLength(0);
        pendingMemory.setLength(0);
        stepped = false;
        for (int i = 0; i < regs.size(); i++) {
            included[i] = known.contains(regs.name(i));
            names[i] = regs.name(i).toLowerCase(Locale.ROOT);
            if (included[i]) {
                register(pendingRegisters, i, h.initialValue(i));
            }
        }
    }

    private void register(StringBuilder b, int i, long value) {
        b.append(names[i]).append('=');
        Hex.number(b, value);
        b.append(',');
    }

    @Override
    public void step(TraceStep s) {
        write(s.pc());
        for (int c = 0; c < s.changedCount(); c++) {
            int r = s.changedRegister(c);
            if (included[r]) {
                register(pendingRegisters, r, s.changedValue(c));
            }
        }
        for (int a = 0; a < s.accessCount(); a++) {
            pendingMemory.append(s.isWrite(a) ? ",mw=" : ",mr=");
            Hex.number(pendingMemory, s.accessAddress(a));
            pendingMemory.append(':');
            for (int b = 0; b < s.accessSize(a); b++) {
                Hex.octet(pendingMemory, s.accessByte(a, b));
            }
        }
        stepped = true;
        nextIp = s.nextPc();
    }

    /** One line: the pending effects of the previous instruction, at instruction pointer {@code pc}. */
    private void write(long pc) {
        line.setLength(0);
        line.append(pendingRegisters).append(ip).append('=');
        Hex.number(line, pc);
        line.append(pendingMemory).append('\n');
        pendingRegisters.setLength(0);
        pendingMemory.setLength(0);
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the last instruction's effects, at the address the CPU went on to, and flushes. */
    @Override
    public void finish(String outcome) {
        if (stepped) {
            write(nextIp);
            stepped = false;
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
