package org.kexeclab.reliability;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Child-JVM program that records an engine defect: runs one instruction, given as code bytes in
 * hex (in memory order), on libunicorn <em>directly</em> (its own few-call JNA binding, not the
 * project's, which refuses the forms that crash Unicorn 2.0.1) and prints how the run ended
 * ("survived uc_err N"), unless the engine kills the process first. {@link #inChild} runs it.
 * Used by {@code EngineDefectsTest} (x86-64 aborts) and the cli's {@code FoundBugsTest} (the
 * ppc32 time-base crash).
 */
final class RawUnicornMain {
    /** The few libunicorn calls this record needs. */
    interface RawUnicorn extends Library {
        int uc_open(int arch, int mode, PointerByReference uc);

        int uc_mem_map(Pointer uc, long address, long size, int perms);

        int uc_mem_write(Pointer uc, long address, Pointer bytes, long size);

        int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);

        int uc_close(Pointer uc);
    }

    private static final int UC_ARCH_X86 = 4;
    private static final int UC_MODE_64 = 1 << 3;
    private static final int UC_ARCH_PPC = 5;
    private static final int UC_MODE_PPC32_BIG_ENDIAN = (1 << 2) | (1 << 30);

    private RawUnicornMain() {
    }

    /** {@code args[0]}: {@code x86_64} or {@code ppc32}; {@code args[1]}: the code bytes in hex. */
    public static void main(String[] args) {
        boolean ppc = args[0].equals("ppc32");
        byte[] bytes = HexFormat.of().parseHex(args[1]);
        RawUnicorn lib = Native.load(System.getProperty("kexeclab.unicorn.library", "unicorn"), RawUnicorn.class);
        PointerByReference out = new PointerByReference();
        check(ppc ? lib.uc_open(UC_ARCH_PPC, UC_MODE_PPC32_BIG_ENDIAN, out) : lib.uc_open(UC_ARCH_X86, UC_MODE_64, out));
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

    /** Runs this program in a child JVM on {@code arch} with {@code hex}; returns "exit N: output". */
    static String inChild(String arch, String hex) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:-CreateCoredumpOnCrash", "-XX:ErrorFile=/dev/null",
                "-cp", System.getProperty("java.class.path"), RawUnicornMain.class.getName(), arch, hex)
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
