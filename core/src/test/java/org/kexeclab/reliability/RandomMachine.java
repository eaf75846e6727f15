package org.kexeclab.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.engine.Arm64Register;
import org.kexeclab.engine.ArmRegister;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.PpcRegister;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.X86Register;

/**
 * A random machine to run random code on: a code page of random bytes (uniform, or biased
 * towards each ISA's common opcodes), a few data pages at random addresses with random
 * permissions, and random general registers (random words, small numbers, or pointers into
 * the data pages), built from one seed and applied identically to any {@link Cpu}.
 */
final class RandomMachine {
    static final long CODE = 0x10000;
    /** Never mapped: runs use it as their {@code until}. */
    static final long NOWHERE = 0x7fff_0000L;
    private static final int[] A64_TOP = {0x91, 0xd1, 0xf9, 0xb9, 0xaa, 0x8b, 0xcb, 0xd2, 0xf2, 0xb4, 0x14, 0x54, 0xd3,
        0x9a, 0x38, 0x39, 0xa9, 0xa8, 0xd5, 0x1e, 0x4e, 0x6b, 0xeb, 0x72, 0x12, 0x93, 0x9b, 0x88, 0xc8, 0x36, 0x37};
    private static final int[] PPC_PRIMARY = {14, 15, 31, 31, 31, 32, 36, 21, 24, 25, 18, 16, 19, 58, 62, 30, 11, 10, 7,
        34, 38, 40, 44, 28, 29, 20, 23, 33, 37, 46, 47, 8, 12, 13, 26, 27};

    /**
     * XER is written with its byte count only: Unicorn 2.0.1 keeps SO/OV/CA written through the
     * register API apart from the flags its instructions use (CA, CR0[SO] then differ from a real CPU).
     */
    private static final long XER_BITS = 0x7fL;

    final Arch arch;
    final boolean thumb;
    final byte[] code;
    final List<long[]> pages = new ArrayList<>();
    final Map<Register, Long> registers = new LinkedHashMap<>();
    final long begin;

    RandomMachine(Arch arch, SplittableRandom r) {
        this.arch = arch;
        this.thumb = arch == Arch.ARM && r.nextInt(4) == 0;
        this.code = code(r);
        if (r.nextBoolean()) {
            pages.add(new long[] {0, Perm.READ | Perm.WRITE}); // small register values are addresses too
        }
        int n = r.nextInt(5);
        for (int i = 0; i < n; i++) {
            long at = 0x20000 + (long) r.nextInt(64) * 0x1000;
            if (pages.stream().noneMatch(p -> p[0] == at)) {
                int perms = new int[] {Perm.READ, Perm.READ | Perm.WRITE, Perm.READ | Perm.WRITE, Perm.ALL, Perm.NONE}[r.nextInt(5)];
                pages.add(new long[] {at, perms});
            }
        }
        for (Register reg : generalRegisters(arch)) {
            long v = value(r) & mask();
            registers.put(reg, reg == PpcRegister.XER ? v & XER_BITS : v);
        }
        int align = arch == Arch.X86_64 ? 1 : thumb ? 2 : 4;
        long offset = r.nextBoolean() ? 0 : r.nextInt(code.length - 16) / align * align;
        this.begin = CODE + offset;
    }

    /** Maps, writes and sets registers on {@code cpu}. */
    void applyTo(Cpu cpu) {
        cpu.map(CODE, code.length, Perm.ALL);
        cpu.write(CODE, code);
        for (long[] p : pages) {
            cpu.map(p[0], 0x1000, (int) p[1]);
        }
        registers.forEach(cpu::writeRegister);
    }

    /** The address {@link Cpu#run} starts at (bit 0 set for Thumb). */
    long entry() {
        return thumb ? begin | 1 : begin;
    }

    long mask() {
        return arch.wordSize() == 4 ? 0xffff_ffffL : -1L;
    }

    private long value(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> r.nextLong();
            case 1 -> r.nextInt(64);
            default -> pages.isEmpty() ? CODE + r.nextInt(0x1000) : pages.get(r.nextInt(pages.size()))[0] + r.nextInt(0x1000);
        };
    }

    private byte[] code(SplittableRandom r) {
        int size = 0x1000 * r.nextInt(1, 3);
        return switch (r.nextInt(3)) {
            case 0 -> {
                byte[] c = new byte[size];
                r.nextBytes(c);
                yield c;
            }
            case 1 -> biasedWords(arch, thumb, size, r);
            default -> fromPool(size, r);
        };
    }

    /** Code made of instructions the Java engine decodes ({@link InstructionPool}), random bytes after. */
    private byte[] fromPool(int size, SplittableRandom r) {
        byte[] c = new byte[size];
        r.nextBytes(c);
        List<byte[]> pool = InstructionPool.of(arch, thumb);
        for (int at = 0; !pool.isEmpty(); ) {
            byte[] insn = pool.get(r.nextInt(pool.size()));
            if (at + insn.length > size - 16) {
                break;
            }
            System.arraycopy(insn, 0, c, at, insn.length);
            at += insn.length;
        }
        return c;
    }

    /** {@code size} random bytes whose words are biased towards the ISA's common opcodes. */
    static byte[] biasedWords(Arch arch, boolean thumb, int size, SplittableRandom r) {
        byte[] c = new byte[size];
        r.nextBytes(c);
        for (int i = 0; i + 4 <= c.length; i += 4) {
            bias(arch, thumb, c, i, r);
        }
        return c;
    }

    /** Makes the word at {@code i} more likely a valid instruction of the ISA. */
    private static void bias(Arch arch, boolean thumb, byte[] c, int i, SplittableRandom r) {
        switch (arch) {
            case ARM64 -> c[i + 3] = (byte) A64_TOP[r.nextInt(A64_TOP.length)];
            case ARM -> c[i + 3] = (byte) (thumb ? c[i + 3] : (0xe0 | (c[i + 3] & 0x0f)));
            case PPC32, PPC64 -> c[i] = (byte) ((PPC_PRIMARY[r.nextInt(PPC_PRIMARY.length)] << 2) | (c[i] & 3));
            case PPC64LE -> c[i + 3] = (byte) ((PPC_PRIMARY[r.nextInt(PPC_PRIMARY.length)] << 2) | (c[i + 3] & 3));
            default -> {
                if (r.nextBoolean()) {
                    c[i] = (byte) (0x48 | r.nextInt(8));
                }
            }
        }
    }

    /** The general registers (and flags) a random machine sets and a differential run compares. */
    static List<Register> generalRegisters(Arch arch) {
        List<Register> out = new ArrayList<>();
        switch (arch) {
            case X86_64 -> {
                for (X86Register x : X86Register.values()) {
                    if (x.ordinal() < X86Register.RIP.ordinal()) {
                        out.add(x);
                    }
                }
            }
            case ARM64 -> {
                for (Arm64Register x : Arm64Register.values()) {
                    if (x.ordinal() <= Arm64Register.SP.ordinal()) {
                        out.add(x);
                    }
                }
                out.add(Arm64Register.NZCV);
            }
            case ARM -> {
                for (ArmRegister x : ArmRegister.values()) {
                    if (x.ordinal() < ArmRegister.R15.ordinal()) {
                        out.add(x);
                    }
                }
            }
            default -> {
                for (PpcRegister x : PpcRegister.values()) {
                    if (x != PpcRegister.PC && x != PpcRegister.MSR) {
                        out.add(x);
                    }
                }
            }
        }
        return out;
    }
}
