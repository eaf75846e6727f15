package org.kexeclab.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Engine defects the engine fuzzers found, pinned in a child JVM (they kill the process).
 * Each test fails once the engine (or its binding) survives the input: then turn it around.
 */
class EngineDefectsTest {

    /**
     * Found by {@link EngineDifferentialFuzzTest} (seed -90252828944735367): Unicorn 2.0.1 aborts
     * the JVM ("qemu/tcg/tcg.c:3073: tcg fatal error", SIGABRT) on x86-64 {@code ff ea}, a far
     * {@code jmp} with a register operand, which must raise #UD; every {@code ff /3} and
     * {@code ff /5} with a register operand ({@code ff d8..df}, {@code ff e8..ef}, also after REX)
     * does the same. The Java engine reports them as invalid instructions. Left with the engine owner; the differential fuzzer replaces such
     * bytes before Unicorn sees them.
     */
    @Test
    void unicornX86_farJumpThroughRegister_abortsTheProcess_engineDefect() throws Exception {
        assertTrue(child("x86_64", "90").contains("survived"), "the child harness must run a nop");
        for (String code : new String[] {"ffea", "ffd8"}) {
            String out = child("x86_64", code);
            assertTrue(!out.contains("survived") && out.contains("tcg fatal error"), code + " no longer kills the engine: " + out);
        }
    }

    static String child(String arch, String hex) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=/dev/null",
                "-cp", System.getProperty("java.class.path"), UnicornAbortMain.class.getName(), arch, hex)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + p.waitFor() + ": " + out;
    }
}
