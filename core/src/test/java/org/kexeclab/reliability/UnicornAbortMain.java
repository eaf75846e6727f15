package org.kexeclab.reliability;

import java.util.HexFormat;
import org.kexeclab.Arch;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.CpuEngines;
import org.kexeclab.engine.Perm;
import org.kexeclab.engine.RunLimits;
import org.kexeclab.engine.RunResult;

/**
 * Child-JVM program for {@link EngineDefectsTest}: runs the given code bytes for one
 * instruction on Unicorn and prints how the run ended ("survived REASON"), unless the engine
 * kills the process first.
 */
final class UnicornAbortMain {
    private UnicornAbortMain() {
    }

    /** {@code args[0]}: the arch's CLI name; {@code args[1]}: the code bytes in hex. */
    public static void main(String[] args) {
        byte[] code = HexFormat.of().parseHex(args[1]);
        try (Cpu cpu = CpuEngines.byName("unicorn").open(Arch.valueOf(args[0].toUpperCase(java.util.Locale.ROOT)))) {
            cpu.map(0x10000, 0x1000, Perm.ALL);
            cpu.write(0x10000, code);
            RunResult r = cpu.run(0x10000, 0x7fff0000L, RunLimits.budget(1));
            System.out.println("survived " + r.reason());
        }
    }
}
