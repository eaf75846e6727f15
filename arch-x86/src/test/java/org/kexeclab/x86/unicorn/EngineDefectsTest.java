package org.kexeclab.x86.unicorn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;
import org.kexeclab.engine.StopReason;
import org.kexeclab.testkit.Engines;
import org.kexeclab.testkit.RawUnicornMain;
import org.kexeclab.x86.X86Arches;

/**
 * x86-64 engine defects the engine fuzzers found. Unicorn's are pinned in a child JVM that calls
 * libunicorn directly (they kill the process) and fail once the engine survives the input; the
 * binding's refusal of them is tested in-process.
 */
class EngineDefectsTest {

    /**
     * Found by the engine-diff fuzzer (seed -90252828944735367), a record of the
     * engine: Unicorn 2.0.1 aborts the JVM ("qemu/tcg/tcg.c:3073: tcg fatal error", SIGABRT) on
     * x86-64 {@code ff ea}, a far {@code jmp} with a register operand, which must raise #UD; every
     * {@code ff /3} and {@code ff /5} with a register operand ({@code ff d8..df}, {@code ff e8..ef},
     * also after prefixes) does the same, and so does a {@code lock cmp} to memory ({@code f0 39 03},
     * {@code f0 83 38 05}; seed 6270600334025871337, finding 13), a {@code lock cmps} and a
     * {@code lock bts} on a register (found by the opcode sweep in RELIABILITY.md). The child JVM calls libunicorn directly (not through the
     * binding, which refuses these instructions: {@code X86FarBranchGuard}); when a fixed
     * libunicorn survives, this fails and the binding's guard can be revisited.
     */
    @Test
    void rawUnicornX86_farJumpThroughRegister_abortsTheProcess_engineDefect() throws Exception {
        assertTrue(child("90").contains("survived"), "the child harness must run a nop");
        for (String code : new String[] {"ffea", "ffd8", "6641ffdd", "f03903", "f0833805", "f0a6", "f00fabc3"}) {
            String out = child(code);
            assertTrue(!out.contains("survived") && out.contains("tcg fatal error"), code + " no longer kills the engine: " + out);
        }
    }

    /**
     * The fix for the record above: through the binding, the same instructions stop the run
     * in-process with a typed result naming the defect and the way out. A miss would kill this JVM.
     */
    @Test
    void unicornX86_farJumpThroughRegister_bindingStopsTheRunCleanly() {
        assertTrue(CpuEngines.forArch(X86Arches.X86_64).name().startsWith("unicorn"), "x86_64 runs on Unicorn by default");
        for (String code : new String[] {"ffea", "ffd8", "6641ffdd", "f03903", "f0833805", "f0a6", "f00fabc3"}) {
            try (Cpu cpu = Engines.unicorn().open(X86Arches.X86_64)) {
                cpu.map(0x10000, 0x1000, Perm.ALL);
                cpu.write(0x10000, java.util.HexFormat.of().parseHex(code));
                RunResult r = cpu.run(0x10000, 0x7fff0000L, RunLimits.budget(1));
                assertTrue(r.reason() == StopReason.INVALID_INSTRUCTION && r.pc() == 0x10000, r.toString());
                assertTrue(r.message().startsWith("Unicorn 2.0.1 aborts on a ") && r.message().endsWith("use --engine java"),
                        r.message());
            }
        }
    }

    static String child(String hex) throws Exception {
        return RawUnicornMain.inChild(X86Arches.X86_64, hex);
    }
}
