package org.kexeclab.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;

/**
 * A random machine to run random code on: a code page of random bytes (uniform, or biased
 * towards the instruction set's common opcodes by its {@link FuzzArch}), a few data pages at
 * random addresses with random permissions, and random general registers (random words, small
 * numbers, or pointers into the data pages), built from one seed and applied identically to any
 * {@link Cpu}.
 */
public final class RandomMachine {
    /** Where the code page is mapped. */
    public static final long CODE = 0x10000;
    /** Never mapped: runs use it as their {@code until}. */
    public static final long NOWHERE = 0x7fff_0000L;

    final FuzzArch target;
    final Arch arch;
    final int mode;
    final byte[] code;
    final List<long[]> pages = new ArrayList<>();
    final Map<Register, Long> registers = new LinkedHashMap<>();
    final long begin;

    /** The machine {@code r} draws for {@code target}. */
    public RandomMachine(FuzzArch target, SplittableRandom r) {
        this.target = target;
        this.arch = target.arch();
        this.mode = target.chooseMode(r);
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
        for (Register reg : target.generalRegisters()) {
            long v = value(r) & mask();
            registers.put(reg, v & target.settableBits(reg));
        }
        int align = target.alignment(mode);
        long offset = r.nextBoolean() ? 0 : r.nextInt(code.length - 16) / align * align;
        this.begin = CODE + offset;
    }

    /** Maps, writes and sets registers on {@code cpu}. */
    public void applyTo(Cpu cpu) {
        cpu.map(CODE, code.length, Perm.ALL);
        cpu.write(CODE, code);
        for (long[] p : pages) {
            cpu.map(p[0], 0x1000, (int) p[1]);
        }
        registers.forEach(cpu::writeRegister);
    }

    /** The address {@link Cpu#run} starts at (with the mode's entry bits). */
    public long entry() {
        return begin | target.entryBits(mode);
    }

    /** All-ones in the architecture's word. */
    long mask() {
        return arch.wordSize() == 4 ? 0xffff_ffffL : -1L;
    }

    /** The machine's name in sentences: the architecture and its mode. */
    String name() {
        return arch.name() + target.modeName(mode);
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
            case 1 -> biasedWords(target, mode, size, r);
            default -> fromPool(size, r);
        };
    }

    /** Code made of instructions the Java engine decodes ({@link InstructionPool}), random bytes after. */
    private byte[] fromPool(int size, SplittableRandom r) {
        byte[] c = new byte[size];
        r.nextBytes(c);
        List<byte[]> pool = InstructionPool.of(target, mode);
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

    /** {@code size} random bytes whose words are biased towards the instruction set's common opcodes. */
    static byte[] biasedWords(FuzzArch target, int mode, int size, SplittableRandom r) {
        byte[] c = new byte[size];
        r.nextBytes(c);
        for (int i = 0; i + 4 <= c.length; i += 4) {
            target.bias(c, i, mode, r);
        }
        return c;
    }
}
