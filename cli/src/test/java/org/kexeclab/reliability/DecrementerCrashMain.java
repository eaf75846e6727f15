package org.kexeclab.reliability;

import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * Child-JVM program for {@link FoundBugsTest}: runs one ppc32 instruction that reads or writes
 * the decrementer or time base on the default engine and prints how the run ended. Unicorn
 * 2.0.1 kills the process (SIGSEGV in {@code cpu_ppc_load_decr_ppc}) on {@code mfspr r3, DEC}.
 */
final class DecrementerCrashMain {
    private DecrementerCrashMain() {
    }

    /** {@code args[0]}: the instruction word in hex. */
    public static void main(String[] args) {
        int word = (int) Long.parseLong(args[0], 16);
        try (Cpu cpu = CpuEngines.defaultEngine().open(Arch.PPC32)) {
            cpu.map(0x10000, 0x1000, Perm.ALL);
            cpu.write(0x10000, new byte[] {(byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word});
            RunResult r = cpu.run(0x10000, 0x10004, RunLimits.budget(10));
            System.out.println("survived " + r.reason());
        }
    }
}
