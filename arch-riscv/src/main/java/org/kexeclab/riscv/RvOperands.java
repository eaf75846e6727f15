package org.kexeclab.riscv;

import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;

/**
 * Operand parsing for the RV64 encoder, in GNU as's RISC-V syntax: integer registers as
 * {@code x0..x31} or by ABI name ({@code zero ra sp gp tp t0-t6 s0-s11 fp a0-a7}), memory
 * operands as {@code offset(reg)} or {@code (reg)}, immediates as expressions (checked against the
 * field they go into), CSRs by name or number.
 */
final class RvOperands {
    private static final Map<String, Integer> REGISTERS = new HashMap<>();

    static {
        for (int i = 0; i < 32; i++) {
            REGISTERS.put("x" + i, i);
            REGISTERS.put(RiscvRegister.x(i).name().toLowerCase(Locale.ROOT), i);
        }
        REGISTERS.put("fp", 8);
    }

    private final Instruction insn;
    private final EncodeContext ctx;

    RvOperands(Instruction insn, EncodeContext ctx) {
        this.insn = insn;
        this.ctx = ctx;
    }

    /** Fails unless there are exactly {@code n} operands. */
    void count(int n) throws AssemblyException {
        if (insn.operands().size() != n) {
            throw insn.error(String.format("%s takes %d operand%s, not %d", insn.mnemonic(), n, n == 1 ? "" : "s",
                    insn.operands().size()));
        }
    }

    int size() {
        return insn.operands().size();
    }

    /** The text of operand {@code i}. */
    String text(int i) {
        return insn.operands().get(i);
    }

    /** Integer register number of operand {@code i}. */
    int reg(int i) throws AssemblyException {
        String t = insn.operands().get(i).toLowerCase(Locale.ROOT);
        Integer r = REGISTERS.get(t);
        if (r == null) {
            throw insn.error("'" + insn.operands().get(i) + "' is not an integer register (x0..x31 or an ABI name)");
        }
        return r;
    }

    /** The value of operand {@code i}, an expression. */
    long value(int i) throws AssemblyException {
        return value(insn.operands().get(i));
    }

    long value(String expression) throws AssemblyException {
        try {
            return ctx.evaluate(expression);
        } catch (AssemblyException e) {
            throw insn.error(e.problem());
        }
    }

    /** Operand {@code i} as a signed immediate of {@code bits} bits. */
    long signed(int i, int bits) throws AssemblyException {
        return signed(value(i), bits, insn.operands().get(i));
    }

    long signed(long v, int bits, String what) throws AssemblyException {
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        if (v < min || v > max) {
            throw insn.error(String.format("immediate %s = %d is out of range: %s takes %d to %d", what, v,
                    insn.mnemonic(), min, max));
        }
        return v;
    }

    /** Operand {@code i} as an unsigned immediate below {@code limit}. */
    long unsigned(int i, long limit) throws AssemblyException {
        long v = value(i);
        if (v < 0 || v >= limit) {
            throw insn.error(String.format("immediate %s = %d is out of range: %s takes 0 to %d",
                    insn.operands().get(i), v, insn.mnemonic(), limit - 1));
        }
        return v;
    }

    /**
     * Memory operand {@code i}, {@code offset(reg)} or {@code (reg)}, as {offset, register};
     * the offset is a signed 12-bit immediate.
     */
    long[] memory(int i) throws AssemblyException {
        String t = insn.operands().get(i).trim();
        int open = t.lastIndexOf('(');
        if (open < 0 || !t.endsWith(")")) {
            throw insn.error("'" + t + "' is not a memory operand: write offset(register)");
        }
        String reg = t.substring(open + 1, t.length() - 1).trim().toLowerCase(Locale.ROOT);
        Integer r = REGISTERS.get(reg);
        if (r == null) {
            throw insn.error("'" + reg + "' is not an integer register (x0..x31 or an ABI name)");
        }
        String off = t.substring(0, open).trim();
        long offset = off.isEmpty() ? 0 : signed(value(off), 12, off);
        return new long[] {offset, r};
    }

    /** CSR operand {@code i}: a name GNU as knows or a number below 4096. */
    int csr(int i) throws AssemblyException {
        String t = insn.operands().get(i).trim();
        var byName = RiscvCsr.byName(t);
        if (byName.isPresent()) {
            return byName.get();
        }
        long v = value(i);
        if (v < 0 || v > 0xfff) {
            throw insn.error("'" + t + "' is not a CSR: give its name or a number from 0 to 4095");
        }
        return (int) v;
    }

    /**
     * The pc-relative offset to the target in operand {@code i}, even and within {@code bits}
     * signed bits; 0 while the target is not yet resolved (an earlier pass).
     */
    long offset(int i, int bits) throws AssemblyException {
        String t = insn.operands().get(i);
        if (!ctx.isResolved(t) && !ctx.finalPass()) {
            return 0;
        }
        long off = value(t) - ctx.pc();
        if ((off & 1) != 0) {
            throw insn.error(String.format("the target %s is at an odd offset %d", t, off));
        }
        long half = 1L << (bits - 1);
        if (off < -half || off >= half) {
            throw insn.error(String.format("the target %s is %d bytes away, out of %s's range of +-%d", t, off,
                    insn.mnemonic(), half));
        }
        return off;
    }

    /** The pc-relative distance to the target in operand {@code i} (0 while unresolved), for auipc pairs. */
    long distance(int i) throws AssemblyException {
        String t = insn.operands().get(i);
        if (!ctx.isResolved(t) && !ctx.finalPass()) {
            return 0;
        }
        long off = value(t) - ctx.pc();
        if (off < Integer.MIN_VALUE + 0x800L || off > Integer.MAX_VALUE - 0x800L) {
            throw insn.error(String.format("the target %s is %d bytes away, out of auipc's +-2 GiB", t, off));
        }
        return off;
    }

    AssemblyException error(String problem) {
        return insn.error(problem);
    }
}
