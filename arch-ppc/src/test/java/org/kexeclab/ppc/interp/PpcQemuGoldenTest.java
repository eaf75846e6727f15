package org.kexeclab.ppc.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.Register;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.ppc.PpcArches;
import org.kexeclab.ppc.PpcRegister;
import org.kexeclab.testkit.Engines;

/**
 * The Java engine against golden results measured on qemu-user ({@link QemuGoldenCases}): for
 * every 64-bit PowerPC form the ppc plug-in implements (and 32-bit forms whose 64-bit-mode
 * results, carries and CR0 differ from ppc32), each case's bytes run from the same r3..r10, CR,
 * XER, CTR and scratch memory on ppc64 and ppc64le, and every recorded register and memory byte
 * must equal qemu's, except the bits the ISA leaves undefined ({@link #definedBits}). Unicorn 2.0.1
 * cannot run ppc64 here (issue 1779), so qemu is the reference.
 */
class PpcQemuGoldenTest {
    private static final long CODE = 0x1000_0000L;
    private static final long CODE_SIZE = 0x1_0000L;
    private static final long SLOT = 32;
    private static final Register[] COMPARED = {PpcRegister.R3, PpcRegister.R4, PpcRegister.R5, PpcRegister.R6,
        PpcRegister.R7, PpcRegister.R8, PpcRegister.R9, PpcRegister.R10, PpcRegister.CR, PpcRegister.XER,
        PpcRegister.CTR};
    private static final int R3 = 0;
    private static final int CR = 8;
    /** All bits defined. */
    private static final long[] ALL = {-1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L, -1L};
    private static final Map<String, List<QemuGoldenCases.Case>> BE = QemuGoldenCases.load(PpcArches.PPC64);
    private static final Map<String, List<QemuGoldenCases.Case>> LE = QemuGoldenCases.load(PpcArches.PPC64LE);

    static Stream<Arguments> forms() {
        List<Arguments> all = new ArrayList<>();
        BE.keySet().forEach(name -> all.add(Arguments.of(PpcArches.PPC64, name)));
        LE.keySet().forEach(name -> all.add(Arguments.of(PpcArches.PPC64LE, name)));
        return all.stream();
    }

    @Test
    void load_goldenFile_hasEveryCaseInBothByteOrders() {
        int be = BE.values().stream().mapToInt(List::size).sum();
        int le = LE.values().stream().mapToInt(List::size).sum();
        assertEquals(be, le);
        assertTrue(be > 3000, "only " + be + " cases in " + QemuGoldenCases.RESOURCE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("forms")
    void run_qemuGoldenCases_javaEngineMatchesQemu(Arch arch, String form) {
        List<QemuGoldenCases.Case> cases = (arch == PpcArches.PPC64 ? BE : LE).get(form);
        try (Cpu cpu = Engines.java().open(arch)) {
            cpu.map(CODE, CODE_SIZE, Perm.ALL);
            cpu.map(QemuGoldenCases.SCRATCH, 4096, Perm.READ | Perm.WRITE);
            long at = CODE;
            long[] defined = definedBits(form);
            StringBuilder failures = new StringBuilder();
            for (QemuGoldenCases.Case c : cases) {
                String diff = runCase(cpu, at, c, defined);
                if (diff != null) {
                    failures.append(String.format("line %d `%s` in %s:%n%s", c.line(), c.asm(), hex(c.in()), diff));
                }
                at += SLOT;
            }
            assertTrue(failures.length() == 0, () -> arch + " " + form + ":\n" + failures);
        }
    }

    /**
     * The bits of r3..r10, CR, XER, CTR the ISA defines after {@code form}. In 64-bit mode
     * {@code mulhw[u]} leave RT's high word undefined and {@code mulhw[u].} CR0's LT, GT and EQ
     * (Power ISA "Multiply High Word"): the Java engine sign-extends {@code mulhw}'s high word
     * where qemu zero-extends it, and neither is wrong.
     */
    static long[] definedBits(String form) {
        long[] m = ALL.clone();
        if (form.startsWith("mulhw")) {
            m[R3] = 0xffff_ffffL;
            if (form.endsWith(".")) {
                m[CR] = 0x1fff_ffffL;
            }
        }
        return m;
    }

    /** Runs one case at {@code at}; returns {@code null} if every register and byte matches qemu. */
    private static String runCase(Cpu cpu, long at, QemuGoldenCases.Case c, long[] defined) {
        cpu.write(at, c.code());
        cpu.write(QemuGoldenCases.SCRATCH, c.memIn());
        for (int k = 0; k < COMPARED.length; k++) {
            cpu.writeRegister(COMPARED[k], c.in()[k]);
        }
        long end = at + c.code().length;
        RunResult r = cpu.run(at, end, RunLimits.budget(16));
        StringBuilder diff = new StringBuilder();
        if (r.reason() != StopReason.REACHED_UNTIL) {
            diff.append("  stopped: ").append(r).append('\n');
        }
        for (int k = 0; k < COMPARED.length; k++) {
            long got = cpu.readRegister(COMPARED[k]);
            if (((got ^ c.out()[k]) & defined[k]) != 0) {
                diff.append(String.format("  %s: qemu 0x%x, java 0x%x%n", COMPARED[k], c.out()[k], got));
            }
        }
        byte[] mem = cpu.read(QemuGoldenCases.SCRATCH, QemuGoldenCases.SCRATCH_SIZE);
        if (!Arrays.equals(mem, c.memOut())) {
            diff.append(String.format("  memory: qemu %s, java %s%n", hexBytes(c.memOut()), hexBytes(mem)));
        }
        return diff.length() == 0 ? null : diff.toString();
    }

    private static String hex(long[] values) {
        StringBuilder b = new StringBuilder();
        for (long v : values) {
            b.append(b.length() == 0 ? "" : " ").append(Long.toHexString(v));
        }
        return b.toString();
    }

    private static String hexBytes(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
