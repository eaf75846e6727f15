package org.kexeclab.x86;

/**
 * The one-byte opcodes of {@link X86InstructionText} beyond the regular blocks (arithmetic rows,
 * push/pop/jcc/xchg/mov-immediate rows): each as objdump's Intel syntax writes it, null when unknown.
 */
final class X86OneByteText {
    private X86OneByteText() {
    }

    static String decode(X86InstructionText d, int op) {
        return switch (op) {
            case 0x63 -> {
                d.modrm();
                yield d.rexW() ? "movsxd " + d.reg(d.regField(), 8) + "," + d.rm(4) : null;
            }
            case 0x68 -> "push " + X86InstructionText.hex(d.imm(4), d.slot());
            case 0x6a -> "push " + X86InstructionText.hex(d.imm(1), d.slot());
            case 0x80, 0x81, 0x83 -> group1(d, op);
            case 0x84, 0x85 -> {
                int size = op == 0x84 ? 1 : d.size();
                d.modrm();
                yield "test " + d.rm(size) + "," + d.reg(d.regField(), size);
            }
            case 0x86, 0x87 -> {
                int size = op == 0x86 ? 1 : d.size();
                d.modrm();
                yield "xchg " + d.rm(size) + "," + d.reg(d.regField(), size);
            }
            case 0x88, 0x89 -> d.alu("mov", op & 1);
            case 0x8a, 0x8b -> d.alu("mov", op & 3);
            case 0x8d -> {
                d.modrm();
                yield d.rmIsRegister() ? null : "lea " + d.reg(d.regField(), d.size()) + "," + d.rm(0);
            }
            case 0x8f -> {
                d.modrm();
                yield d.regField() == 0 ? "pop " + d.rm(d.slot()) : null;
            }
            case 0x90 -> "nop";
            case 0x98 -> d.rexW() ? "cdqe" : "cwde";
            case 0x99 -> d.rexW() ? "cqo" : "cdq";
            case 0x9c -> "pushf";
            case 0x9d -> "popf";
            case 0xa4, 0xa5 -> strings(d, "movs", op, d.stringDestination(), d.stringSource());
            case 0xaa, 0xab -> strings(d, "stos", op, d.stringDestination(), null);
            case 0xa8 -> "test al," + X86InstructionText.hex(d.imm(1), 1);
            case 0xa9 -> "test " + X86InstructionText.reg(0, d.size(), false) + ","
                    + X86InstructionText.hex(d.imm(d.size() == 2 ? 2 : 4), d.size());
            case 0xc0, 0xc1, 0xd0, 0xd1, 0xd2, 0xd3 -> shift(d, op);
            case 0xc3 -> "ret";
            case 0xc6, 0xc7 -> {
                int size = op == 0xc6 ? 1 : d.size();
                d.modrm();
                yield d.regField() != 0 ? null
                        : "mov " + d.rm(size) + "," + X86InstructionText.hex(d.imm(Math.min(size, 4)), size);
            }
            case 0xcc -> "int3";
            case 0xe8 -> "call " + d.target(d.imm(4));
            case 0xe9 -> "jmp " + d.target(d.imm(4));
            case 0xeb -> "jmp " + d.target(d.imm(1));
            case 0xf4 -> "hlt";
            case 0xf6, 0xf7 -> group3(d, op == 0xf6 ? 1 : d.size());
            case 0xfa -> "cli";
            case 0xfb -> "sti";
            case 0xfc -> "cld";
            case 0xfd -> "std";
            case 0xfe, 0xff -> group45(d, op);
            default -> null;
        };
    }

    private static String group1(X86InstructionText d, int op) {
        int size = op == 0x80 ? 1 : d.size();
        d.modrm();
        String target = d.rm(size);
        long v = op == 0x81 ? d.imm(Math.min(size, 4)) : d.imm(1);
        return X86InstructionText.aluName(d.regField() & 7) + " " + target + "," + X86InstructionText.hex(v, size);
    }

    private static String strings(X86InstructionText d, String name, int op, String dst, String src) {
        int size = (op & 1) == 0 ? 1 : d.size();
        String ptr = X86InstructionText.ptr(size);
        String operands = src != null ? ptr + " " + dst + "," + ptr + " " + src
                : ptr + " " + dst + "," + X86InstructionText.reg(0, size, false);
        return (d.rep() ? "rep " : "") + name + " " + operands;
    }

    private static String shift(X86InstructionText d, int op) {
        int size = (op & 1) == 0 ? 1 : d.size();
        d.modrm();
        String name = X86InstructionText.shiftName(d.regField() & 7);
        if (name == null) {
            return null;
        }
        String target = d.rm(size);
        String count = op <= 0xc1 ? X86InstructionText.hex(d.imm(1), 1) : op <= 0xd1 ? "1" : "cl";
        return name + " " + target + "," + count;
    }

    private static String group3(X86InstructionText d, int size) {
        d.modrm();
        String[] names = {"test", null, "not", "neg", "mul", "imul", "div", "idiv"};
        String name = names[d.regField() & 7];
        if (name == null) {
            return null;
        }
        String target = d.rm(size);
        return name.equals("test") ? "test " + target + "," + X86InstructionText.hex(d.imm(Math.min(size, 4)), size)
                : name + " " + target;
    }

    private static String group45(X86InstructionText d, int op) {
        d.modrm();
        int r = d.regField() & 7;
        if (op == 0xfe) {
            return r > 1 ? null : (r == 0 ? "inc " : "dec ") + d.rm(1);
        }
        return switch (r) {
            case 0 -> "inc " + d.rm(d.size());
            case 1 -> "dec " + d.rm(d.size());
            case 2 -> "call " + d.rm(d.slot());
            case 4 -> "jmp " + d.rm(d.slot());
            case 6 -> "push " + d.rm(d.slot());
            default -> null;
        };
    }
}
