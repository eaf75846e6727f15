package org.kexeclab.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.StopReason;

/**
 * Per ISA, a fixed pool of instruction encodings the Java engine decodes (random, biased words
 * kept when one step on them does not stop with INVALID_INSTRUCTION), so random code built from
 * it runs deeper than uniform random bytes. Built once from a fixed seed: cases stay reproducible.
 */
final class InstructionPool {
    private static final int ATTEMPTS = 6000;
    private static final Map<String, List<byte[]>> POOLS = new ConcurrentHashMap<>();

    private InstructionPool() {
    }

    /** The pool of {@code arch} (Thumb encodings if {@code thumb}). */
    static List<byte[]> of(Arch arch, boolean thumb) {
        return POOLS.computeIfAbsent(arch + (thumb ? "/thumb" : ""), k -> build(arch, thumb));
    }

    /** Builds every pool now (outside any measured case). */
    static void warmUp() {
        for (Arch a : JavaEngineFuzzTest.ARCHES) {
            of(a, false);
        }
        of(Arch.ARM, true);
    }

    private static List<byte[]> build(Arch arch, boolean thumb) {
        SplittableRandom r = new SplittableRandom(0x5eed + arch.ordinal() * 2L + (thumb ? 1 : 0));
        List<byte[]> out = new ArrayList<>();
        try (Cpu cpu = CpuEngines.byName("java").open(arch)) {
            cpu.map(RandomMachine.CODE, 0x1000, Perm.ALL);
            for (int i = 0; i < ATTEMPTS; i++) {
                byte[] c = RandomMachine.biasedWords(arch, thumb, 16, r);
                cpu.write(RandomMachine.CODE, c);
                long entry = thumb ? RandomMachine.CODE | 1 : RandomMachine.CODE;
                if (cpu.run(entry, RandomMachine.NOWHERE, RunLimits.budget(1)).reason() != StopReason.INVALID_INSTRUCTION) {
                    int len = length(arch, thumb, c, cpu.pc() - RandomMachine.CODE);
                    if (len > 0) {
                        out.add(Arrays.copyOf(c, len));
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The instruction's length, or 0 if unknown (an x86 branch). */
    private static int length(Arch arch, boolean thumb, byte[] c, long delta) {
        if (arch == Arch.X86_64) {
            return delta > 0 && delta <= 15 ? (int) delta : 0;
        }
        if (thumb) {
            int top = (c[1] & 0xf8) >>> 3;
            return top == 0x1d || top == 0x1e || top == 0x1f ? 4 : 2;
        }
        return 4;
    }
}
