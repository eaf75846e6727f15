package org.kexeclab.arm.interp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kexeclab.arm.ArmArches;
import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.arm.ArmRegister;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.Lockstep;

/**
 * Random A32 and Thumb instruction streams, seeded, run in lockstep on the Java engine and
 * Unicorn: words with random condition and operand fields ({@code fixed | random & mask}), random
 * registers (half of them word-aligned pointers into mapped data) and random flags.
 * Thumb forms are halfword pairs ({@code first | random & mask} twice, or one 32-bit form).
 */
class A32RandomLockstepTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;
    private static final int DATA_SIZE = 0x20000;
    private static final int STREAMS = 40;
    private static final int LENGTH = 8;

    static Stream<Arguments> forms() {
        return Stream.of(
                form("a32 data processing immediate", 0x02000000, 0xF1FFFFFF, false),
                form("a32 data processing immediate shift", 0x00000000, 0xF1FFFFEF, false),
                form("a32 data processing register shift", 0x00000010, 0xF1FFFF6F, false),
                form("a32 movw/movt", 0x03000000, 0xF04FFFFF, false),
                form("a32 multiply", 0x00000090, 0xF0FFFF0F, false),
                form("a32 ldr/str immediate", 0x04000000, 0xF1FFFFFF, false),
                form("a32 ldr/str register", 0x06000000, 0xF1FFFFEF, false),
                form("a32 ldm/stm", 0x08000000, 0xF1BFFFFF, false),
                form("a32 b/bl", 0x0A000000, 0xF1FFFFFF, false),
                form("a32 bx/blx", 0x012FFF10, 0xF000002F, false),
                form("a32 mrs", 0x010F0000, 0xF000F000, false),
                form("a32 clz", 0x016F0F10, 0xF000F00F, false),
                form("a32 nop/barriers", 0xF57FF040, 0x0000003F, false),
                form("thumb shift/add/sub", 0x0000, 0x1FFF, true),
                form("thumb immediate8", 0x2000, 0x1FFF, true),
                form("thumb register alu", 0x4000, 0x03FF, true),
                form("thumb high register", 0x4400, 0x03FF, true),
                form("thumb ldr/str", 0x5000, 0x3FFF, true),
                form("thumb ldr literal", 0x4800, 0x07FF, true),
                form("thumb branches", 0xD000, 0x37FF, true),
                form("thumb bl", 0xF000D000, 0x07FF2FFF, true),
                form("thumb data processing modified immediate", 0xF0000000, 0x05FF7FFF, true));
    }

    private static Arguments form(String name, int fixed, int mask, boolean thumb) {
        return Arguments.of(name, fixed, mask, thumb);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void randomStream_everyStep_matchesUnicorn(String name, int fixed, int mask, boolean thumb) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        int compared = 0;
        for (int s = 0; s < STREAMS; s++) {
            try (Lockstep l = Lockstep.open(ArmFixtures.lockstep(ArmArches.ARM), true)) {
                l.map(CODE, 0x1000, Perm.ALL);
                l.map(DATA, DATA_SIZE, Perm.READ | Perm.WRITE);
                l.write(CODE, stream(random, fixed, mask, thumb));
                randomize(l, random, thumb, name.contains("ldm"));
                compared += run(l, name + " stream " + s, thumb);
            }
        }
        assertTrue(compared >= STREAMS / 4, name + ": only " + compared + " steps compared");
    }

    /** Steps the stream; an instruction the Java engine does not implement is stepped over on both. */
    private static int run(Lockstep l, String context, boolean thumb) {
        int compared = 0;
        for (int i = 0; i < LENGTH; i++) {
            long pc = l.java().pc();
            StopReason r = l.step(context, true);
            if (r == StopReason.INVALID_INSTRUCTION) {
                if (thumb) {
                    return compared; // the width of an unknown Thumb instruction is not known here
                }
                l.set(ArmRegister.R15, pc + 4);
                continue;
            }
            compared++;
            if (r != StopReason.BUDGET_EXHAUSTED) {
                break;
            }
        }
        return compared;
    }

    private static byte[] stream(SplittableRandom random, int fixed, int mask, boolean thumb) {
        ByteBuffer b = ByteBuffer.allocate(4 * LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < LENGTH; i++) {
            int w = fixed | (random.nextInt() & mask);
            if (!thumb) {
                b.putInt(w);
            } else if ((fixed >>> 16) != 0) {
                b.putShort((short) (w >>> 16)).putShort((short) w);
            } else {
                b.putShort((short) w).putShort((short) (fixed | (random.nextInt() & mask)));
            }
        }
        return b.array();
    }

    /**
     * Random registers and flags; {@code aligned} makes every register a multiple of 4 (ldm/stm:
     * the architecture raises an alignment fault on an unaligned base, Unicorn 2.0.1 does not).
     */
    private static void randomize(Lockstep l, SplittableRandom random, boolean thumb, boolean aligned) {
        for (int i = 0; i < 15; i++) {
            long v = random.nextBoolean() ? DATA + (random.nextInt(DATA_SIZE / 2) & ~3) : random.nextInt() & 0xffff_ffffL;
            if (random.nextInt(8) == 0) {
                v = random.nextInt(64);
            }
            l.set(ArmRegister.r(i), aligned ? v & ~3L : v);
        }
        l.set(ArmRegister.CPSR, (long) random.nextInt(16) << 28 | 0x1d3 | (thumb ? 0x20 : 0));
        l.set(ArmRegister.R15, CODE);
    }
}
