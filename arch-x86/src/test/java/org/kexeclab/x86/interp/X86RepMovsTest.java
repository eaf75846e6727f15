package org.kexeclab.x86.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.engine.Perm;
import org.kexeclab.testkit.Lockstep;
import org.kexeclab.testkit.Programs;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Fixtures;
import org.kexeclab.x86.X86Register;

/**
 * {@code rep movsq} / {@code rep movsb} / {@code rep stosq} over page boundaries, overlapping
 * ranges in both directions, DF set, and a destination that runs into an unmapped page, on the
 * Java engine (bulk path: no hooks installed) against Unicorn stepped iteration by iteration:
 * final RCX, RSI, RDI, RIP, flags and every byte of memory agree.
 */
class X86RepMovsTest {
    private static final long BASE = 0x100000;
    private static final int SIZE = 0x6000;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("rep movsq", 0x1000, 0x3008, 1500, false, "disjoint, three pages"),
                Arguments.of("rep movsq", 0x1000, 0x1008, 700, false, "destination 8 above source: replicates"),
                Arguments.of("rep movsq", 0x1008, 0x1000, 700, false, "destination 8 below source"),
                Arguments.of("rep movsq", 0x1004, 0x1ffc, 900, false, "unaligned, elements cross pages"),
                Arguments.of("rep movsq", 0x2ff8, 0x3ff8, 600, true, "DF set: descending"),
                Arguments.of("rep movsb", 0x1001, 0x1003, 5000, false, "bytes, overlapping"),
                Arguments.of("rep stosq", 0x1000, 0x2ff0, 800, false, "rep stosq"),
                Arguments.of("rep movsq", 0x1000, 0x4800, 1000, false, "destination runs into an unmapped page"),
                Arguments.of("rep movsq", 0x1000, 0x2000, 0, false, "rcx 0: nothing moves"));
    }

    @ParameterizedTest(name = "{5}")
    @MethodSource("cases")
    void repString_javaBulkMatchesUnicornIterations(String insn, int src, int dst, long count, boolean df, String what) {
        byte[] code = Programs.bytes(X86Arches.X86_64, X86Gen.CODE, insn + "\nnop");
        byte[] data = new byte[SIZE];
        new Random(src * 31L + dst).nextBytes(data);
        try (Lockstep l = Lockstep.open(X86Fixtures.lockstep(), false)) {
            l.map(X86Gen.CODE, 0x1000, Perm.ALL);
            l.map(BASE, SIZE - 0x1000, Perm.READ | Perm.WRITE);
            l.write(X86Gen.CODE, code);
            l.write(BASE, java.util.Arrays.copyOf(data, SIZE - 0x1000));
            l.set(X86Register.RSI, BASE + src);
            l.set(X86Register.RDI, BASE + dst);
            l.set(X86Register.RCX, count);
            l.set(X86Register.RAX, 0x1122_3344_5566_7788L);
            l.set(X86Register.RFLAGS, df ? 0x402 : 0x2);
            l.set(X86Register.RIP, X86Gen.CODE);
            String diff = l.stepHere(0) + l.compareMemory(BASE, SIZE - 0x1000);
            assertEquals("", diff, what);
        }
    }
}
