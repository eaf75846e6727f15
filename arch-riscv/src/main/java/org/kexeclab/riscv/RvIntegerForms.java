package org.kexeclab.riscv;

import static org.kexeclab.riscv.RvFormat.LOAD;
import static org.kexeclab.riscv.RvFormat.OP;
import static org.kexeclab.riscv.RvFormat.OP_32;
import static org.kexeclab.riscv.RvFormat.OP_IMM;
import static org.kexeclab.riscv.RvFormat.OP_IMM_32;
import static org.kexeclab.riscv.RvFormat.STORE;

import java.util.Map;

/**
 * The integer forms of {@link RvEncoder}: register-register and register-immediate arithmetic
 * (RV64I and the M extension, with their 32-bit {@code W} forms), loads and stores, {@code lui},
 * {@code auipc}, and the pseudo-instructions built from them ({@code nop mv not neg negw sext.w
 * seqz snez sltz sgtz li la lla}).
 */
final class RvIntegerForms {
    private RvIntegerForms() {
    }

    static void register(Map<String, RvEncoder.Form> f) {
        registerOp(f);
        registerImmediate(f);
        registerMemory(f);
        registerPseudo(f);
    }

    private static void registerOp(Map<String, RvEncoder.Form> f) {
        String[] base = {"add", "sll", "slt", "sltu", "xor", "srl", "or", "and"};
        for (int k = 0; k < base.length; k++) {
            r(f, base[k], 0, k, OP);
        }
        r(f, "sub", 0x20, 0, OP);
        r(f, "sra", 0x20, 5, OP);
        String[] m = {"mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu"};
        for (int k = 0; k < m.length; k++) {
            r(f, m[k], 1, k, OP);
        }
        r(f, "addw", 0, 0, OP_32);
        r(f, "subw", 0x20, 0, OP_32);
        r(f, "sllw", 0, 1, OP_32);
        r(f, "srlw", 0, 5, OP_32);
        r(f, "sraw", 0x20, 5, OP_32);
        r(f, "mulw", 1, 0, OP_32);
        r(f, "divw", 1, 4, OP_32);
        r(f, "divuw", 1, 5, OP_32);
        r(f, "remw", 1, 6, OP_32);
        r(f, "remuw", 1, 7, OP_32);
    }

    private static void r(Map<String, RvEncoder.Form> f, String name, int funct7, int funct3, int opcode) {
        f.put(name, (o, c) -> {
            o.count(3);
            return new int[] {RvFormat.r(funct7, o.reg(2), o.reg(1), funct3, o.reg(0), opcode)};
        });
    }

    private static void registerImmediate(Map<String, RvEncoder.Form> f) {
        imm(f, "addi", 0, OP_IMM);
        imm(f, "slti", 2, OP_IMM);
        imm(f, "sltiu", 3, OP_IMM);
        imm(f, "xori", 4, OP_IMM);
        imm(f, "ori", 6, OP_IMM);
        imm(f, "andi", 7, OP_IMM);
        imm(f, "addiw", 0, OP_IMM_32);
        shift(f, "slli", 0, 1, OP_IMM, 64);
        shift(f, "srli", 0, 5, OP_IMM, 64);
        shift(f, "srai", 0x400, 5, OP_IMM, 64);
        shift(f, "slliw", 0, 1, OP_IMM_32, 32);
        shift(f, "srliw", 0, 5, OP_IMM_32, 32);
        shift(f, "sraiw", 0x400, 5, OP_IMM_32, 32);
        f.put("lui", (o, c) -> upper(o, RvFormat.LUI));
        f.put("auipc", (o, c) -> upper(o, RvFormat.AUIPC));
    }

    private static void imm(Map<String, RvEncoder.Form> f, String name, int funct3, int opcode) {
        f.put(name, (o, c) -> {
            o.count(3);
            return new int[] {RvFormat.i(o.signed(2, 12), o.reg(1), funct3, o.reg(0), opcode)};
        });
    }

    private static void shift(Map<String, RvEncoder.Form> f, String name, int high, int funct3, int opcode, int width) {
        f.put(name, (o, c) -> {
            o.count(3);
            long shamt = o.unsigned(2, width);
            return new int[] {RvFormat.i(high | shamt, o.reg(1), funct3, o.reg(0), opcode)};
        });
    }

    private static int[] upper(RvOperands o, int opcode) throws org.kexeclab.asm.AssemblyException {
        o.count(2);
        return new int[] {RvFormat.u(o.unsigned(1, 1 << 20), o.reg(0), opcode)};
    }

    private static void registerMemory(Map<String, RvEncoder.Form> f) {
        String[] loads = {"lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"};
        for (int k = 0; k < loads.length; k++) {
            int funct3 = k;
            f.put(loads[k], (o, c) -> {
                o.count(2);
                long[] m = o.memory(1);
                return new int[] {RvFormat.i(m[0], (int) m[1], funct3, o.reg(0), LOAD)};
            });
        }
        String[] stores = {"sb", "sh", "sw", "sd"};
        for (int k = 0; k < stores.length; k++) {
            int funct3 = k;
            f.put(stores[k], (o, c) -> {
                o.count(2);
                long[] m = o.memory(1);
                return new int[] {RvFormat.s(m[0], o.reg(0), (int) m[1], funct3, STORE)};
            });
        }
    }

    private static void registerPseudo(Map<String, RvEncoder.Form> f) {
        f.put("nop", (o, c) -> {
            o.count(0);
            return new int[] {RvFormat.i(0, 0, 0, 0, OP_IMM)};
        });
        unary(f, "mv", (rd, rs) -> RvFormat.i(0, rs, 0, rd, OP_IMM));
        unary(f, "not", (rd, rs) -> RvFormat.i(-1, rs, 4, rd, OP_IMM));
        unary(f, "neg", (rd, rs) -> RvFormat.r(0x20, rs, 0, 0, rd, OP));
        unary(f, "negw", (rd, rs) -> RvFormat.r(0x20, rs, 0, 0, rd, OP_32));
        unary(f, "sext.w", (rd, rs) -> RvFormat.i(0, rs, 0, rd, OP_IMM_32));
        unary(f, "seqz", (rd, rs) -> RvFormat.i(1, rs, 3, rd, OP_IMM));
        unary(f, "snez", (rd, rs) -> RvFormat.r(0, rs, 0, 3, rd, OP));
        unary(f, "sltz", (rd, rs) -> RvFormat.r(0, 0, rs, 2, rd, OP));
        unary(f, "sgtz", (rd, rs) -> RvFormat.r(0, rs, 0, 2, rd, OP));
        f.put("li", (o, c) -> {
            o.count(2);
            if (!c.isConstant(o.text(1))) {
                throw o.error("li takes a constant (a number or an .equ symbol); load an address with la");
            }
            return RvEncoder.li(o.reg(0), o.signed(1, 32));
        });
        RvEncoder.Form la = (o, c) -> {
            o.count(2);
            int rd = o.reg(0);
            return RvEncoder.pcrel(rd, o.distance(1), rd, 0, OP_IMM, rd);
        };
        f.put("la", la);
        f.put("lla", la);
    }

    @FunctionalInterface
    private interface Unary {
        int word(int rd, int rs);
    }

    private static void unary(Map<String, RvEncoder.Form> f, String name, Unary u) {
        f.put(name, (o, c) -> {
            o.count(2);
            return new int[] {u.word(o.reg(0), o.reg(1))};
        });
    }
}
