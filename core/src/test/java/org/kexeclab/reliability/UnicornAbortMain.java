package org.kexeclab.reliability;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import java.util.HexFormat;

/**
 * Child-JVM program for {@link EngineDefectsTest}: runs the given x86-64 code bytes for one
 * instruction on libunicorn <em>directly</em> (its own few-call JNA binding, not the project's,
 * which refuses the aborting forms) and prints how the run ended ("survived uc_err N"), unless
 * the engine kills the process first.
 */
final class UnicornAbortMain {
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

    private UnicornAbortMain() {
    }

    /** {@code args[0]}: the code bytes in hex. */
    public static void main(String[] args) {
        byte[] bytes = HexFormat.of().parseHex(args[0]);
        RawUnicorn lib = Native.load(System.getProperty("kexeclab.unicorn.library", "unicorn"), RawUnicorn.class);
        PointerByReference out = new PointerByReference();
        check(lib.uc_open(UC_ARCH_X86, UC_MODE_64, out));
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

    private static void check(int err) {
        if (err != 0) {
            throw new IllegalStateException("libunicorn returned uc_err " + err);
        }
    }
}
