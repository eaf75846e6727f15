package org.kexeclab.riscv;

import static org.kexeclab.riscv.RvFormat.AUIPC;
import static org.kexeclab.riscv.RvFormat.JAL;
import static org.kexeclab.riscv.RvFormat.JALR;
import static org.kexeclab.riscv.RvFormat.LUI;

import java.util.HashMap;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.EncodeContext;
import org.kexeclab.asm.Instruction;
import org.kexeclab.asm.InstructionEncoder;

/**
 * The RV64 encoder for kexec-lab's assembler, in GNU as's RISC-V syntax, with the forms the
 * riscv64 stub, entry probe and purgatory use and their neighbours: RV64I, M, Zicsr, Zifencei,
 * {@code fence}, {@code ecall}/{@code ebreak}/{@code mret}/{@code sret}/{@code wfi} and the
 * standard pseudo-instructions ({@code li} for values of 32 signed bits, {@code la}/{@code lla},
 * {@code call}, {@code tail}, {@code mv}, {@code j}, {@code beqz}, {@code csrw}, ...). It never
 * emits compressed (RVC) instructions: its output matches {@code as -march=rv64im_zicsr_zifencei}
 * with relaxation off, which is what the golden tests compare with.
 */
public final class RvEncoder implements InstructionEncoder {

    /** One mnemonic's encoder: the words of the instruction (several for a pseudo-instruction). */
    @FunctionalInterface
    interface Form {
        int[] encode(RvOperands ops, EncodeContext ctx) throws AssemblyException;
    }

    private static final Map<String, Form> FORMS = new HashMap<>();

    static {
        RvIntegerForms.register(FORMS);
        RvControlForms.register(FORMS);
        RvSystemForms.register(FORMS);
    }

    /** True if {@code mnemonic} (lower case) is one this encoder takes. */
    public static boolean knows(String mnemonic) {
        return FORMS.containsKey(mnemonic);
    }

    @Override
    public byte[] encode(Instruction instruction, EncodeContext context) throws AssemblyException {
        Form form = FORMS.get(instruction.mnemonic());
        if (form == null) {
            throw instruction.error("unknown RV64 instruction '" + instruction.mnemonic() + "'");
        }
        int[] words;
        try {
            words = form.encode(new RvOperands(instruction, context), context);
        } catch (AssemblyException e) {
            if (context.finalPass()) {
                throw e;
            }
            return new byte[Math.max(4, context.previousSize())];
        }
        byte[] out = new byte[4 * words.length];
        for (int k = 0; k < words.length; k++) {
            int w = words[k];
            out[4 * k] = (byte) w;
            out[4 * k + 1] = (byte) (w >>> 8);
            out[4 * k + 2] = (byte) (w >>> 16);
            out[4 * k + 3] = (byte) (w >>> 24);
        }
        return out;
    }

    @Override
    public String lineComment() {
        return "#";
    }

    @Override
    public String statementSeparator() {
        return ";";
    }

    /**
     * GNU as's filler for alignment in code: the bytes short of a whole instruction as zeros,
     * then {@code nop}s.
     */
    @Override
    public byte[] padding(int length) {
        byte[] out = new byte[length];
        for (int k = length % 4; k + 4 <= length; k += 4) {
            out[k] = 0x13;
        }
        return out;
    }

    @Override
    public java.util.Set<String> ignoredDirectives() {
        return java.util.Set.of(".option");
    }

    /** {@code lui rd, hi; addiw rd, rd, lo} or a single {@code addi}/{@code lui}: GNU as's {@code li} for 32-bit values. */
    static int[] li(int rd, long v) {
        if (v >= -2048 && v < 2048) {
            return new int[] {RvFormat.i(v, 0, 0, rd, RvFormat.OP_IMM)};
        }
        long hi = RvFormat.hi20(v);
        long lo = RvFormat.lo12(v);
        int lui = RvFormat.u(hi, rd, LUI);
        return lo == 0 ? new int[] {lui} : new int[] {lui, RvFormat.i(lo, rd, 0, rd, RvFormat.OP_IMM_32)};
    }

    /** {@code auipc rd, hi; <second> lo(rd)}: the pc-relative pair for a target {@code distance} away. */
    static int[] pcrel(int rd, long distance, int secondRd, int secondFunct3, int secondOpcode, int base) {
        return new int[] {RvFormat.u(RvFormat.hi20(distance), rd, AUIPC),
                RvFormat.i(RvFormat.lo12(distance), base, secondFunct3, secondRd, secondOpcode)};
    }

    /** {@code jal rd, offset}. */
    static int jal(int rd, long offset) {
        return RvFormat.j(offset, rd, JAL);
    }

    /** {@code jalr rd, offset(rs1)}. */
    static int jalr(int rd, long offset, int rs1) {
        return RvFormat.i(offset, rs1, 0, rd, JALR);
    }
}
