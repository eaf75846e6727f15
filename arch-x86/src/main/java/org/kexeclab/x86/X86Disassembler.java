package org.kexeclab.x86;

import org.kexeclab.asm.Disassembler;

/**
 * x86-64 or i386 instructions as text in GNU objdump's Intel syntax ({@code objdump -M intel}), for
 * listings of a kernel's own relocation code: the one-byte integer opcodes (arithmetic and
 * logic, moves, pushes and pops, shifts, the string moves and stores with {@code rep}, branches,
 * calls and returns, flag and interrupt instructions) and the two-byte ones a kernel's
 * low-level code uses (control-register moves, {@code wbinvd}, {@code cpuid}, MSRs, long
 * conditional jumps, {@code setcc}, {@code cmovcc}, bit tests, {@code movzx}/{@code movsx},
 * {@code imul}). Anything else is shown as {@code .byte} over the length {@link X86Boundary}
 * decodes, so a listing stays in step. Golden-tested against objdump.
 */
public final class X86Disassembler implements Disassembler {
    private final X86Mode mode;

    /** A disassembler for 64-bit long mode, as x86_64's kernels run. */
    public X86Disassembler() {
        this(X86Mode.LONG);
    }

    /** A disassembler for {@code mode}: 64-bit long mode or 32-bit protected mode (i386's kernels). */
    public X86Disassembler(X86Mode mode) {
        this.mode = mode;
    }

    @Override
    public Instruction decode(byte[] code, int offset, long address) {
        int available = Math.min(X86Boundary.MAX_LENGTH, code.length - offset);
        X86InstructionText d = new X86InstructionText(code, offset, available, address, mode);
        String text = d.decode();
        if (text != null && d.length() <= available) {
            return new Instruction(d.length(), text);
        }
        int decoded = X86Boundary.decode(code, offset, available, mode);
        int length = decoded < 0 ? 1 : X86Boundary.length(decoded);
        StringBuilder b = new StringBuilder(".byte ");
        for (int k = 0; k < length; k++) {
            b.append(k == 0 ? "" : ",").append(String.format("0x%02x", code[offset + k] & 0xff));
        }
        return new Instruction(length, b.toString());
    }
}
