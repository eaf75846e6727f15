package org.kexeclab.ppc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.kexeclab.Arch;
import org.kexeclab.asm.AssemblyException;
import org.kexeclab.asm.Stub;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngine;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.testkit.Engines;

/**
 * Runs the ppc32 relocation stub on the default engine (Unicorn) over a small hand-built
 * indirection list: two indirection pages, three source pages (one of them its own
 * destination), and checks every destination byte and the entry registers.
 */
class Ppc32StubRunTest {
    private static final int PAGE = Arch.PAGE_SIZE;
    private static final long CONTROL = 0x10000;
    private static final long IND_A = 0x20000;
    private static final long IND_B = 0x21000;
    private static final long SRC = 0x30000;
    private static final long DEST = 0x40000;
    private static final long IN_PLACE = 0x50000;
    private static final long RAM = 0x100000;

    @Test
    void relocateNewKernel_handBuiltList_copiesPagesAndEntersWithContract() throws AssemblyException {
        CpuEngine engine = Engines.unicorn();
        Engines.assumeRuns(engine, PpcArches.PPC32);
        Stub stub = PpcStubs.ppc32(CONTROL);
        try (Cpu cpu = engine.open(PpcArches.PPC32)) {
            cpu.map(0, RAM, Perm.ALL);
            cpu.write(CONTROL, stub.bytes());
            byte[] sources = pattern(2 * PAGE, 0x9e3779b9);
            byte[] inPlace = pattern(PAGE, 0x7f4a7c15);
            cpu.write(SRC, sources);
            cpu.write(IN_PLACE, inPlace);
            // head -> IND_A: DEST, SRC, link -> IND_B: SRC+1 page, DEST(in place), SRC(in place), DONE
            writeEntries(cpu, IND_A, DEST | 1, SRC | 8, IND_B | 2);
            writeEntries(cpu, IND_B, (SRC + PAGE) | 8, IN_PLACE | 1, IN_PLACE | 8, 4);
            cpu.writeRegister(PpcRegister.R3, IND_A | 2);
            cpu.writeRegister(PpcRegister.R4, CONTROL);
            cpu.writeRegister(PpcRegister.R5, DEST);

            RunResult result = cpu.run(CONTROL, DEST, RunLimits.timeout(Duration.ofSeconds(30)));

            assertTrue(result.reachedUntil(), result.toString());
            assertArrayEquals(sources, cpu.read(DEST, 2 * PAGE));
            assertArrayEquals(inPlace, cpu.read(IN_PLACE, PAGE));
            assertEquals(0, cpu.readRegister(PpcRegister.R3), "r3 = PIR, 0 on the single emulated CPU");
            assertEquals(DEST, cpu.readRegister(PpcRegister.R4));
            assertEquals(DEST, cpu.readRegister(PpcRegister.R5));
            assertEquals(0x1002, cpu.readRegister(PpcRegister.MSR));
            assertEquals(CONTROL + PpcStubs.PPC32_STACK_OFFSET, cpu.readRegister(PpcRegister.R1));
            assertEquals(xorOfWords(sources) ^ xorOfWords(inPlace), cpu.readRegister(PpcRegister.R6));
        }
    }

    private static byte[] pattern(int size, int seed) {
        ByteBuffer b = ByteBuffer.allocate(size);
        int x = seed;
        while (b.hasRemaining()) {
            x = x * 1103515245 + 12345;
            b.putInt(x);
        }
        return b.array();
    }

    private static void writeEntries(Cpu cpu, long page, long... entries) {
        ByteBuffer b = ByteBuffer.allocate(4 * entries.length);
        for (long e : entries) {
            b.putInt((int) e);
        }
        cpu.write(page, b.array());
    }

    private static long xorOfWords(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int x = 0;
        while (b.hasRemaining()) {
            x ^= b.getInt();
        }
        return x & 0xffff_ffffL;
    }
}
