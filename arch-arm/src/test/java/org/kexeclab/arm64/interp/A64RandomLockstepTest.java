package org.kexeclab.arm64.interp;

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
import org.kexeclab.arm64.Arm64Register;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.Lockstep;

/**
 * Random A64 instruction streams, seeded, run in lockstep on the Java engine and Unicorn: for each
 * implemented form, words with random operand fields ({@code fixed | random & mask}), random
 * registers (half of them pointers into mapped data) and random flags, stepped one at a time.
 */
class A64RandomLockstepTest {
    private static final long CODE = 0x10000;
    private static final long DATA = 0x20000;
    private static final int DATA_SIZE = 0x20000;
    private static final int STREAMS = 40;
    private static final int LENGTH = 8;

    static Stream<Arguments> forms() {
        return Stream.of(
                form("add/sub imm", 0x11000000, 0xE07FFFFF),
                form("logical imm", 0x12000000, 0xE07FFFFF),
                form("move wide", 0x12800000, 0xE07FFFFF),
                form("bitfield", 0x13000000, 0xE07FFFFF),
                form("extr", 0x13800000, 0x807FFFFF),
                form("adr/adrp", 0x10000000, 0xE0FFFFFF),
                form("logical shifted", 0x0A000000, 0xE0FFFFFF),
                form("add/sub shifted", 0x0B000000, 0xE0DFFFFF),
                form("add/sub extended", 0x0B200000, 0xE0DFFFFF),
                form("adc/sbc", 0x1A000000, 0xE01F03FF),
                form("ccmp/ccmn", 0x1A400000, 0xE01FFFFF),
                form("csel", 0x1A800000, 0xE01FFFFF),
                form("2-source", 0x1AC00000, 0xA01FFFFF),
                form("1-source", 0x5AC00000, 0x80001FFF),
                form("3-source", 0x1B000000, 0x80FFFFFF),
                form("ldr/str unsigned imm", 0x39000000, 0xC0FFFFFF),
                form("ldr/str imm9", 0x38000000, 0xC0DFFFFF),
                form("ldr/str register", 0x38200800, 0xC0DFF3FF),
                form("ldr literal", 0x18000000, 0xC0FFFFFF),
                form("ldp/stp", 0x28000000, 0xC1FFFFFF),
                form("b/bl", 0x14000000, 0x83FFFFFF),
                form("b.cond", 0x54000000, 0x00FFFFEF),
                form("cbz/cbnz", 0x34000000, 0x81FFFFFF),
                form("tbz/tbnz", 0x36000000, 0x81FFFFFF),
                form("br/blr/ret", 0xD61F0000, 0x006003E0),
                form("msr daifset/daifclr", 0xD50340DF, 0x00000F20),
                form("mrs sctlr/ttbr/ctr/daif/currentel/nzcv", 0xD5380000, 0x0000001F),
                form("hints and barriers", 0xD503201F, 0x000010E0));
    }

    private static Arguments form(String name, int fixed, int mask) {
        return Arguments.of(name, fixed, mask);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void randomStream_everyStep_matchesUnicorn(String name, int fixed, int mask) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        int executed = 0;
        for (int s = 0; s < STREAMS; s++) {
            try (Lockstep l = Lockstep.open(ArmFixtures.lockstep(ArmArches.ARM64), true)) {
                l.map(CODE, 0x1000, Perm.ALL);
                l.map(DATA, DATA_SIZE, Perm.READ | Perm.WRITE);
                l.write(CODE, stream(random, name, fixed, mask));
                randomize(l, random);
                l.set(Arm64Register.PC, CODE);
                for (int i = 0; i < LENGTH; i++) {
                    StopReason r = l.step(name + " stream " + s, true);
                    if (r == StopReason.INVALID_INSTRUCTION) {
                        l.set(Arm64Register.PC, CODE + 4L * (i + 1));
                        continue;
                    }
                    executed++;
                    if (r != StopReason.BUDGET_EXHAUSTED) {
                        break;
                    }
                }
            }
        }
        assertTrue(executed >= STREAMS / 4, name + ": only " + executed + " steps compared");
    }

    private static byte[] stream(SplittableRandom random, String name, int fixed, int mask) {
        ByteBuffer b = ByteBuffer.allocate(4 * LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < LENGTH; i++) {
            int w = fixed | (random.nextInt() & mask);
            if (name.startsWith("mrs")) {
                w = MRS[random.nextInt(MRS.length)] | (random.nextInt() & 31);
            }
            b.putInt(w);
        }
        return b.array();
    }

    /** mrs x0 of SCTLR_EL1, TTBR0/1_EL1, CTR_EL0, DAIF, CurrentEL, NZCV, MAIR, VBAR. */
    private static final int[] MRS = {0xD5381000, 0xD5382000, 0xD5382020, 0xD53B0020, 0xD53B4220, 0xD5384240,
        0xD53B4200, 0xD538A200, 0xD538C000};

    private static void randomize(Lockstep l, SplittableRandom random) {
        for (int i = 0; i <= 30; i++) {
            long v = random.nextBoolean() ? DATA + random.nextInt(DATA_SIZE / 2) : random.nextLong();
            if (random.nextInt(8) == 0) {
                v = random.nextInt(64);
            }
            l.set(Arm64Register.x(i), v);
        }
        l.set(Arm64Register.SP, DATA + 16L * random.nextInt(DATA_SIZE / 32));
        l.set(Arm64Register.NZCV, (long) random.nextInt(16) << 28);
    }
}
