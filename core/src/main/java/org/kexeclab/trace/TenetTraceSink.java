package org.kexeclab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import org.kexeclab.engine.RegisterSet;

/**
 * Tenet's text trace (the trace explorer gaasedelen/tenet, {@code trace/file.py}): one line
 * per executed instruction, comma-separated {@code name=value} items and nothing else:
 * <ul>
 * <li>register items use the names of Tenet's architecture definition
 *     ({@link RegisterSet.Tenet}, supplied by the architecture's register set), values in hex
 *     with {@code 0x};</li>
 * <li>the first line carries every register (Tenet fills missing ones with 0 and complains),
 *     later lines only the registers that changed since the previous line, i.e. what the
 *     previous instruction did;</li>
 * <li>the instruction pointer item on every line: the address of this line's instruction;</li>
 * <li>{@code mr=ADDR:HEX} / {@code mw=ADDR:HEX} for this instruction's loads and stores,
 *     the address in hex, the bytes in memory order as an even number of hex digits.</li>
 * </ul>
 * Only architectures whose register set names Tenet's definition ({@link RegisterSet#tenet()})
 * can be traced this way. Loops are never folded: Tenet needs every step.
 */
public final class TenetTraceSink implements TraceSink {
    private final Writer out;
    private final StringBuilder line = new StringBuilder(256);
    private final StringBuilder pendingRegisters = new StringBuilder(256);
    private boolean[] included;
    private String[] names;
    private String ip;

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
        line.setLength(0);
        line.append(pendingRegisters).append(ip).append('=');
        Hex.number(line, s.pc());
        for (int a = 0; a < s.accessCount(); a++) {
            line.append(s.isWrite(a) ? ",mw=" : ",mr=");
            Hex.number(line, s.accessAddress(a));
            line.append(':');
            for (int b = 0; b < s.accessSize(a); b++) {
                Hex.octet(line, s.accessByte(a, b));
            }
        }
        line.append('\n');
        pendingRegisters.setLength(0);
        for (int c = 0; c < s.changedCount(); c++) {
            int r = s.changedRegister(c);
            if (included[r]) {
                register(pendingRegisters, r, s.changedValue(c));
            }
        }
        try {
            out.append(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void finish(String outcome) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
