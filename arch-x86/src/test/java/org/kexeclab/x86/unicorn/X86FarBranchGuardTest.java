package org.kexeclab.x86.unicorn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.engine.unicorn.UnicornEngine;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.GoldenFile;
import org.kexeclab.x86.X86Arches;
import org.kexeclab.x86.X86Boundary;
import org.kexeclab.x86.X86Register;

/**
 * The x86-64 far-branch guard: every far call/jmp through a register (which aborts Unicorn 2.0.1
 * while it generates the block) stops the run in-process with a typed result, and legal code
 * holding the same byte pairs inside immediates or displacements runs. If the guard missed one,
 * this test's JVM would die (SIGABRT) and surefire would report the fork crash.
 */
class X86FarBranchGuardTest {
    private static final long CODE = 0x10000;
    private static final String MOV_AL_1 = "b001";
    private static final String NOP = "90";
    private static final List<String> PREFIXES = List.of("", "66", "41", "48", "4f", "6641", "66674c",
            "f2", "f3", "f0", "2e", "64", "3e48");

    private final UnicornEngine engine = Engines.unicorn();

    @Test
    void run_everyFarBranchThroughRegister_stopsBeforeItsBlockWithTypedResult() {
        for (String prefix : PREFIXES) {
            for (int modrm : farModrms()) {
                String insn = prefix + "ff" + String.format("%02x", modrm);
                try (Cpu cpu = open(MOV_AL_1 + insn + NOP)) {
                    long until = CODE + 2 + insn.length() / 2 + 1;
                    assertRefused(cpu.run(CODE, until, RunLimits.budget(100)), CODE + 2, insn);
                    assertEquals(0, cpu.readRegister(X86Register.RAX) & 0xff, "no instruction of the refused block ran");
                    assertRefused(cpu.run(CODE, until, RunLimits.budget(100)), CODE + 2, insn);
                    assertRefused(cpu.run(CODE, until, RunLimits.budget(100).counted()), CODE + 2, insn);
                }
            }
        }
    }

    /** Found by the differential fuzzer (seed 6270600334025871337: {@code f0 39 a3 ...}); measured like finding 8. */
    @Test
    void run_everyAbortingLockedForm_stopsWithTypedResult() {
        for (String insn : List.of("f03903", "f03803", "f04839a34c3b1a3f", "4cf039a34c3b1a3f", "f0803805", "f0813805000000",
                "f0833805", "66f0813b3412", "f083bc24100000007f", "f0a6", "f066a7", "f3f0a7", "f00fa3c3", "f0480fabd8", "f00fb3cb", "f00fbbfb", "f00fbae305", "f00fbafb01")) {
            try (Cpu cpu = open(MOV_AL_1 + insn + NOP)) {
                long until = CODE + 2 + insn.length() / 2 + 1;
                RunResult r = cpu.run(CODE, until, RunLimits.budget(100));
                assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), insn + " " + r);
                assertEquals(CODE + 2, r.pc(), r.toString());
                String what = insn.contains("0f") ? "bit test on a register"
                        : insn.endsWith("a6") || insn.endsWith("a7") ? "cmps" : "cmp to memory";
                assertTrue(r.message().startsWith("Unicorn 2.0.1 aborts on a lock " + what + " ("), r.message());
                assertEquals(0, cpu.readRegister(X86Register.RAX) & 0xff, "no instruction of the refused block ran");
            }
        }
    }

    @Test
    void run_neighbouringLockedAndUnlockedForms_notRefused() {
        for (String insn : List.of("f03bc3", "f039c3", "f00103", "f08103ff000000", "f3a6", "f0a4", "f00fab03", "0fabc3",
                "f00fbad305")) {
            // #UD, #UD, lock add, lock add imm, repe cmpsb, lock movsb, lock bts to memory, bts, lock bt /2 (#UD)
            try (Cpu cpu = open(MOV_AL_1 + insn + NOP)) {
                cpu.map(0, 0x1000, Perm.READ | Perm.WRITE);
                RunResult r = cpu.run(CODE, CODE + 2 + insn.length() / 2 + 1, RunLimits.budget(100));
                assertTrue(r.message() == null || !r.message().startsWith("Unicorn 2.0.1 aborts"), insn + " " + r);
            }
        }
    }

    @Test
    void run_farBranchPairsInsideImmediatesAndDisplacements_executes() {
        String code = "b0ff" + "e900000000"         // mov al, 0xff; jmp rel32 (bytes ff e9)
                + "80ffe9"                           // cmp bh, 0xe9 (ModRM ff, imm8 e9)
                + "48b8ffeaffd8ffddffef"             // movabs rax, imm64 full of ff ea/d8/dd/ef
                + "8d8424ffe80000"                   // lea eax, [rsp+0xe8ff] (disp32 ff e8)
                + "66b8ffeb"                         // mov ax, 0xebff
                + "ffc3"                             // inc ebx (ff /0 through a register is legal)
                + "b8ffddffff";                      // mov eax, 0xffffddff
        try (Cpu cpu = open(code)) {
            long until = CODE + code.length() / 2;
            RunResult r = cpu.run(CODE, until, RunLimits.budget(100));
            assertEquals(StopReason.REACHED_UNTIL, r.reason(), r.toString());
            assertEquals(0xffffddffL, cpu.readRegister(X86Register.RAX));
            assertEquals(1, cpu.readRegister(X86Register.RBX));
        }
    }

    @Test
    void run_jumpIntoImmediateHoldingFarJmp_stopsThere() {
        // mov al, 0xff; jmp rel32=0 at 0x10002 (bytes ff e9 at 0x10001); then jmp back to 0x10001
        try (Cpu cpu = open("b0ffe900000000" + "e9f5ffffff")) {
            assertRefused(cpu.run(CODE, CODE + 0x20, RunLimits.budget(100)), CODE + 1, "ffe9");
        }
    }

    @Test
    void run_guestStoresFarJmpThenBranchesToIt_stopsBeforeIt() {
        // mov dword [rip+0xf6], 0x9090eaff (-> 0x10100); jmp 0x10100
        try (Cpu cpu = open("c705f6000000ffea9090" + "e9f1000000")) {
            cpu.write(CODE + 0x100, HexFormat.of().parseHex("90909090"));
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE + 0x100, CODE + 0x104, RunLimits.NONE).reason(),
                    "the nops at 0x10100 are translated and cached first");
            assertRefused(cpu.run(CODE, CODE + 0x104, RunLimits.budget(100)), CODE + 0x100, "ffea");
            byte[] stored = new byte[2];
            cpu.read(CODE + 0x100, stored, 0, 2);
            assertEquals("ffea", HexFormat.of().formatHex(stored), "the guest's store ran");
        }
    }

    @Test
    void run_javaRewritesCachedCodeWithFarCall_stopsBeforeIt() {
        try (Cpu cpu = open(MOV_AL_1 + "909090")) {
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 5, RunLimits.NONE).reason());
            cpu.write(CODE + 2, HexFormat.of().parseHex("ffd8"));
            cpu.writeRegister(X86Register.RAX, 0);
            assertRefused(cpu.run(CODE, CODE + 5, RunLimits.NONE), CODE + 2, "ffd8");
            cpu.write(CODE + 2, HexFormat.of().parseHex("9090"));
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 5, RunLimits.NONE).reason(),
                    "once the instruction is gone the code runs again");
            assertEquals(1, cpu.readRegister(X86Register.RAX));
        }
    }

    @Test
    void run_farJmpAtUntil_reachesUntil() {
        try (Cpu cpu = open(MOV_AL_1 + "ffea")) {
            assertEquals(StopReason.REACHED_UNTIL, cpu.run(CODE, CODE + 2, RunLimits.NONE).reason());
        }
    }

    @Test
    void run_fetchFromPageWithoutExec_stillAFetchFault() {
        try (Cpu cpu = open("e9fb0f0000")) {   // jmp 0x11000
            cpu.map(CODE + 0x1000, 0x1000, Perm.READ | Perm.WRITE);
            RunResult r = cpu.run(CODE, CODE + 0x2000, RunLimits.budget(100));
            assertEquals(StopReason.MEMORY_FAULT, r.reason(), r.toString());
            assertEquals(MemoryAccess.FETCH, r.access());
            assertEquals(CODE + 0x1000, r.faultAddress());
        }
    }

    @Test
    void run_userInvalidMemoryHookAcceptingEverything_stillRefused() {
        try (Cpu cpu = open(MOV_AL_1 + "ffed" + NOP)) {
            cpu.onInvalidMemory((access, address, size, value) -> true, 1, 0);
            assertRefused(cpu.run(CODE, CODE + 5, RunLimits.budget(100)), CODE + 2, "ffed");
        }
    }

    @Test
    void run_farJmpModrmOnNonExecutablePageAcceptedByUserHook_stillRefused() {
        try (Cpu cpu = engine.open(X86Arches.X86_64)) {
            cpu.map(CODE, 0x1000, Perm.ALL);
            cpu.map(CODE + 0x1000, 0x1000, Perm.READ | Perm.WRITE);
            cpu.write(CODE + 0xffd, HexFormat.of().parseHex("b001ff"));
            cpu.write(CODE + 0x1000, HexFormat.of().parseHex("ea90"));
            cpu.onInvalidMemory((access, address, size, value) -> true, 1, 0);
            assertRefused(cpu.run(CODE + 0xffd, CODE + 0x1002, RunLimits.budget(100)), CODE + 0xfff, "ffea");
        }
    }

    /**
     * Random code dense in {@code ff}, far-branch ModRM bytes, prefixes and immediates: the JVM
     * survives every run, and each refusal names an instruction that really is a far branch
     * through a register at the reported address.
     */
    @Test
    void run_randomCodeDenseInFarBranchBytes_survivesAndRefusesOnlyRealOnes() {
        byte[] alphabet = HexFormat.of().parseHex("ffffffd8dbdde8eaef66414890b0e980c7b8eb0f00c0f0f0393883");
        java.util.SplittableRandom r = new java.util.SplittableRandom(8);
        int refusals = 0;
        for (int c = 0; c < 300; c++) {
            byte[] code = new byte[48];
            for (int i = 0; i < code.length; i++) {
                code[i] = r.nextInt(4) == 0 ? (byte) r.nextInt(256) : alphabet[r.nextInt(alphabet.length)];
            }
            try (Cpu cpu = open(HexFormat.of().formatHex(code))) {
                RunResult res = cpu.run(CODE, CODE + 0x800, RunLimits.budget(64));
                if (res.reason() == StopReason.INVALID_INSTRUCTION && res.message().startsWith("Unicorn 2.0.1 aborts")) {
                    ByteBuffer at = ByteBuffer.allocate(X86Boundary.MAX_LENGTH);
                    at.put(cpu.read(res.pc(), X86Boundary.MAX_LENGTH));
                    int d = X86Boundary.decode(at, X86Boundary.MAX_LENGTH);
                    assertTrue(d > 0 && (d & (X86Boundary.FAR_THROUGH_REGISTER | X86Boundary.LOCKED_ABORT)) != 0,
                            res.toString());
                    refusals++;
                }
            }
        }
        assertTrue(refusals > 10, "the alphabet makes far branches common: " + refusals);
    }

    @Test
    void decode_goldenInstructions_lengthsMatchGnuAs() throws IOException {
        for (String[] line : golden()) {
            byte[] insn = HexFormat.of().parseHex(line[0]);
            ByteBuffer code = ByteBuffer.allocate(X86Boundary.MAX_LENGTH).put(insn);
            int d = X86Boundary.decode(code, X86Boundary.MAX_LENGTH);
            assertEquals(insn.length, d & 0xff, line[1]);
            assertEquals(0, d & X86Boundary.FAR_THROUGH_REGISTER, line[1]);
            assertEquals(-1, X86Boundary.decode(code, insn.length - 1), line[1] + " cut short");
        }
    }

    @Test
    void decode_fifteenPrefixesThenOpcode_tooLong() {
        ByteBuffer code = ByteBuffer.allocate(16);
        for (int i = 0; i < 15; i++) {
            code.put((byte) 0x66);
        }
        assertEquals(-1, X86Boundary.decode(code.put((byte) 0x90), 16));
    }

    private static List<Integer> farModrms() {
        List<Integer> m = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            m.add(0xd8 + r);
            m.add(0xe8 + r);
        }
        return m;
    }

    private static List<String[]> golden() {
        List<String[]> lines = GoldenFile.read("/golden/x86-boundary/lengths.txt").stream()
                .map(l -> new String[] {l.hex(), l.text()}).toList();
        assertTrue(lines.size() > 50, "golden file read");
        return lines;
    }

    private static void assertRefused(RunResult r, long pc, String insnHex) {
        assertEquals(StopReason.INVALID_INSTRUCTION, r.reason(), r.toString());
        assertEquals(pc, r.pc(), r.toString());
        String m = r.message();
        assertTrue(m.startsWith("Unicorn 2.0.1 aborts on a far " + (insnHex.endsWith("d8") || insnHex.matches(".*d[89a-f]$") ? "call" : "jmp")), m);
        String spaced = insnHex.replaceAll("(..)(?!$)", "$1 ");
        assertTrue(m.contains("(" + spaced + ")") && m.contains(String.format("0x%x", pc)), m);
        assertTrue(m.endsWith("use --engine java"), m);
    }

    private Cpu open(String hex) {
        Cpu cpu = engine.open(X86Arches.X86_64);
        cpu.map(CODE, 0x1000, Perm.ALL);
        cpu.write(CODE, HexFormat.of().parseHex(hex));
        return cpu;
    }
}
