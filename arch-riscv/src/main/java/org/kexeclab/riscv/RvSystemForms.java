package org.kexeclab.riscv;

import static org.kexeclab.riscv.RvFormat.MISC_MEM;
import static org.kexeclab.riscv.RvFormat.SYSTEM;

import java.util.Locale;
import java.util.Map;
import org.kexeclab.asm.AssemblyException;

/**
 * The system forms of {@link RvEncoder}: the Zicsr instructions and their pseudo-instructions
 * ({@code csrr csrw csrs csrc csrwi csrsi csrci}), {@code fence} (with or without its
 * predecessor and successor sets), {@code fence.i}, {@code ecall}, {@code ebreak},
 * {@code sret}, {@code mret}, {@code wfi} and {@code unimp} (GNU as's {@code csrrw zero, cycle, zero}, a write to a
 * read-only CSR: an illegal instruction).
 */
final class RvSystemForms {
    private RvSystemForms() {
    }

    static void register(Map<String, RvEncoder.Form> f) {
        String[] csr = {null, "csrrw", "csrrs", "csrrc", null, "csrrwi", "csrrsi", "csrrci"};
        for (int k = 0; k < csr.length; k++) {
            if (csr[k] != null) {
                int funct3 = k;
                boolean imm = k >= 5;
                f.put(csr[k], (o, c) -> {
                    o.count(3);
                    return new int[] {csr(o.csr(1), source(o, 2, imm), funct3, o.reg(0))};
                });
            }
        }
        f.put("csrr", (o, c) -> {
            o.count(2);
            return new int[] {csr(o.csr(1), 0, 2, o.reg(0))};
        });
        write(f, "csrw", 1);
        write(f, "csrs", 2);
        write(f, "csrc", 3);
        write(f, "csrwi", 5);
        write(f, "csrsi", 6);
        write(f, "csrci", 7);
        fixed(f, "ecall", 0x00000073);
        fixed(f, "unimp", 0xc0001073);
        fixed(f, "ebreak", 0x00100073);
        fixed(f, "sret", 0x10200073);
        fixed(f, "mret", 0x30200073);
        fixed(f, "wfi", 0x10500073);
        fixed(f, "fence.i", 0x0000100f);
        f.put("fence", RvSystemForms::fence);
    }

    private static int csr(int number, int source, int funct3, int rd) {
        return number << 20 | source << 15 | funct3 << 12 | rd << 7 | SYSTEM;
    }

    private static int source(RvOperands o, int i, boolean immediate) throws AssemblyException {
        return immediate ? (int) o.unsigned(i, 32) : o.reg(i);
    }

    /** {@code csrX csr, rs} (or {@code csrXi csr, uimm}): the CSR instruction with rd = x0. */
    private static void write(Map<String, RvEncoder.Form> f, String name, int funct3) {
        f.put(name, (o, c) -> {
            o.count(2);
            return new int[] {csr(o.csr(0), source(o, 1, funct3 >= 5), funct3, 0)};
        });
    }

    private static void fixed(Map<String, RvEncoder.Form> f, String name, int word) {
        f.put(name, (o, c) -> {
            o.count(0);
            return new int[] {word};
        });
    }

    /** {@code fence} (iorw, iorw) or {@code fence pred, succ} with sets of the letters i, o, r, w. */
    private static int[] fence(RvOperands o, org.kexeclab.asm.EncodeContext c) throws AssemblyException {
        if (o.size() == 0) {
            return new int[] {0x0ff0000f};
        }
        o.count(2);
        return new int[] {set(o, 0) << 24 | set(o, 1) << 20 | MISC_MEM};
    }

    private static int set(RvOperands o, int i) throws AssemblyException {
        String t = o.text(i).trim().toLowerCase(Locale.ROOT);
        int bits = 0;
        for (char ch : t.toCharArray()) {
            int bit = "wroi".indexOf(ch);
            if (bit < 0 || (bits & 1 << bit) != 0) {
                throw o.error("'" + o.text(i) + "' is not a fence set: write some of i, o, r, w in that order");
            }
            bits |= 1 << bit;
        }
        if (bits == 0) {
            throw o.error("a fence set names at least one of i, o, r, w");
        }
        return bits;
    }
}
