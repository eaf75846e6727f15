package org.kexeclab.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import org.kexeclab.Arch;

/**
 * Tenet's text trace (the trace explorer gaasedelen/tenet, {@code trace/file.py}): one line
 * per executed instruction, comma-separated {@code name=value} items and nothing else:
 * <ul>
 * <li>register items use the names of Tenet's architecture definition (AMD64: {@code rax ..
 *     r15, rip}; ARM32: {@code r0 .. r12, sp, lr, pc}), values in hex with {@code 0x};</li>
 * <li>the first line carries every register (Tenet fills missing ones with 0 and complains),
 *     later lines only the registers that changed since the previous line, i.e. what the
 *     previous instruction did;</li>
 * <li>the instruction pointer item on every line: the address of this line's instruction;</li>
 * <li>{@code mr=ADDR:HEX} / {@code mw=ADDR:HEX} for this instruction's loads and stores,
 *     the address in hex, the bytes in memory order as an even number of hex digits.</li>
 * </ul>
 * Tenet reads AMD64, x86 and ARM32 traces; of the lab's architectures that is x86_64 and arm.
 * Loops are never folded: Tenet needs every step.
 */
public final class TenetTraceSink implements TraceSink {
    /** Architectures whose traces Tenet can load. */
    public static final Set<Arch> SUPPORTED = Set.of(Arch.X86_64, Arch.ARM);

    private static final Set<String> AMD64 = Set.of("RAX", "RBX", "RCX", "RDX", "RBP", "RSP", "RSI", "RDI",
            "R8", "R9", "R10", "R11", "R12", "R13", "R14", "R15");
    private static final Set<String> ARM32 = Set.of("R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9",
            "R10", "R11", "R12", "SP", "LR");

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

    /** Checks that Tenet reads {@code arch}. */
    public static void requireSupported(Arch arch) {
        if (!SUPPORTED.contains(arch)) {
            throw new IllegalArgumentException("Tenet reads AMD64, x86 and ARM32 traces only: use --arch x86_64 or "
                    + "--arch arm with --format tenet, or --format text|jsonl for " + arch.cliName());
        }
    }

    @Override
    public void start(TraceHeader h) {
        requireSupported(h.arch());
        Set<String> known = h.arch() == Arch.X86_64 ? AMD64 : ARM32;
        ip = h.arch() == Arch.X86_64 ? "rip" : "pc";
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
