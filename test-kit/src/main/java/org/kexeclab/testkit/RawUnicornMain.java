package org.kexeclab.testkit;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import org.kexeclab.Arch;
import org.kexeclab.arch.Arches;
import org.kexeclab.engine.unicorn.UnicornTarget;

/**
 * Child-JVM program that records an engine defect: runs one instruction, given as code bytes in
 * hex (in memory order), on libunicorn <em>directly</em> (its own few-call JNA binding, not the
 * project's, which refuses the forms that crash Unicorn 2.0.1) and prints how the run ended
 * ("survived uc_err N"), unless the engine kills the process first. {@link #inChild} runs it on
 * the {@code uc_arch} and {@code uc_mode} of an architecture's Unicorn target. Used by the
 * architectures' engine-defect records and the cli's {@code FoundBugsTest}.
 */
public final class RawUnicornMain {
    /** The few libunicorn calls this record needs. */
    interface RawUnicorn extends Library {
        int uc_open(int arch, int mode, PointerByReference uc);

        int uc_mem_map(Pointer uc, long address, long size, int perms);

        int uc_mem_write(Pointer uc, long address, Pointer bytes, long size);

        int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);

        int uc_close(Pointer uc);
    }

    private RawUnicornMain() {
    }

    /** {@code args[0]}, {@code args[1]}: {@code uc_arch} and {@code uc_mode}; {@code args[2]}: the code bytes in hex. */
    public static void main(String[] args) {
        byte[] bytes = HexFormat.of().parseHex(args[2]);
        RawUnicorn lib = Native.load(System.getProperty("kexeclab.unicorn.library", "unicorn"), RawUnicorn.class);
        PointerByReference out = new PointerByReference();
        check(lib.uc_open(Integer.parseInt(args[0]), Integer.parseInt(args[1]), out));
        Pointer uc = out.getValue();
        check(lib.uc_mem_map(uc, 0x10000, 0x1000, 7));
        try (Memory code = new Memory(bytes.length)) {
            code.write(0, bytes, 0, bytes.length);
            check(lib.uc_mem_write(uc, 0x10000, code, bytes.length));
        }
        int err = lib.uc_emu_start(uc, 0x10000, 0x7fff0000L, 0, 1);
        lib.uc_close(uc);
        System.out.println("survived uc_err " + err);
    }

    /**
     * Runs this program in a child JVM on {@code arch}'s Unicorn target with {@code hex}; returns
     * "exit N: output".
     */
    public static String inChild(Arch arch, String hex) throws Exception {
        UnicornTarget t = Arches.support(arch).binding(UnicornTarget.class).orElseThrow(
                () -> new IllegalArgumentException("Unicorn has no " + arch + " target"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=/dev/null",
                "-cp", System.getProperty("java.class.path"), RawUnicornMain.class.getName(),
                Integer.toString(t.ucArch()), Integer.toString(t.ucMode()), hex)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + p.waitFor() + ": " + out;
    }

    private static void check(int err) {
        if (err != 0) {
            throw new IllegalStateException("libunicorn returned uc_err " + err);
        }
    }
}
