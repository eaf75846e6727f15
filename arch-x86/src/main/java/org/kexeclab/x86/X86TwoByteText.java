package org.kexeclab.x86;

/**
 * The two-byte ({@code 0f}) opcodes of {@link X86InstructionText}: each as objdump's Intel
 * syntax writes it, null when unknown.
 */
final class X86TwoByteText {
    private static final String[] BIT_TESTS = {"bt", "bts", "btr", "btc"};

    private X86TwoByteText() {
    }

    static String decode(X86InstructionText d, int op) {
        if (op >= 0x80 && op <= 0x8f) {
            return "j" + X86InstructionText.cc(op) + " " + d.target(d.imm(4));
        }
        if (op >= 0x40 && op <= 0x4f) {
            d.modrm();
            return "cmov" + X86InstructionText.cc(op) + " " + d.reg(d.regField(), d.size()) + "," + d.rm(d.size());
        }
        if (op >= 0x90 && op <= 0x9f) {
            d.modrm();
            return "set" + X86InstructionText.cc(op) + " " + d.rm(1);
        }
        return switch (op) {
            case 0x05 -> "syscall";
            case 0x09 -> "wbinvd";
            case 0x0b -> "ud2";
            case 0x1f -> {
                d.modrm();
                yield d.regField() == 0 ? "nop " + d.rm(d.size()) : null;
            }
            case 0x20, 0x22 -> controlRegister(d, op);
            case 0x30 -> "wrmsr";
            case 0x32 -> "rdmsr";
            case 0xa2 -> "cpuid";
            case 0xa3, 0xab, 0xb3, 0xbb -> {
                d.modrm();
                yield BIT_TESTS[(op >>> 3) & 3] + " " + d.rm(d.size()) + "," + d.reg(d.regField(), d.size());
            }
            case 0xba -> {
                d.modrm();
                int r = d.regField() & 7;
                String target = d.rm(d.size());
                yield r < 4 ? null : BIT_TESTS[r - 4] + " " + target + "," + X86InstructionText.hex(d.imm(1), 1);
            }
            case 0xaf -> {
                d.modrm();
                yield "imul " + d.reg(d.regField(), d.size()) + "," + d.rm(d.size());
            }
            case 0xb6, 0xb7, 0xbe, 0xbf -> {
                d.modrm();
                yield ((op & 8) == 0 ? "movzx " : "movsx ") + d.reg(d.regField(), d.size()) + ","
                        + d.rm((op & 1) == 0 ? 1 : 2);
            }
            default -> null;
        };
    }

    /** {@code mov cr, r64} or {@code mov r64, cr}: ModRM's reg field names the control register. */
    private static String controlRegister(X86InstructionText d, int op) {
        d.modrm();
        if (!d.rmIsRegister()) {
            return null;
        }
        String cr = "cr" + d.regField();
        String gpr = d.rm(d.slot());
        return op == 0x20 ? "mov " + gpr + "," + cr : "mov " + cr + "," + gpr;
    }
}
