package org.kexeclab.reliability;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * Child-JVM program for {@link FoundBugsTest}: runs one ppc32 instruction on libunicorn
 * <em>directly</em> (its own three-call JNA binding, not the project's, which refuses the
 * crashing forms) and prints how the run ended. Unicorn 2.0.1 kills the process (SIGSEGV in
 * {@code cpu_ppc_load_decr_ppc}) on {@code mfspr r3, DEC}.
 */
final class DecrementerCrashMain {
    /** The few libunicorn calls this record needs. */
    interface RawUnicorn extends Library {
        int uc_open(int arch, int mode, PointerByReference uc);

        int uc_mem_map(Pointer uc, long address, long size, int perms);

        int uc_mem_write(Pointer uc, long address, Pointer bytes, long size);

        int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);

        int uc_close(Pointer uc);
    }

    private DecrementerCrashMain() {
    }

    /** {@code args[0]}: the instruction word in hex. */
    public static void main(String[] args) {
        int word = (int) Long.parseLong(args[0], 16);
        RawUnicorn lib = Native.load(System.getProperty("kexeclab.unicorn.library", "unicorn"), RawUnicorn.class);
        PointerByReference out = new PointerByReference();
        check(lib.uc_open(5, (1 << 2) | (1 << 30), out));   // UC_ARCH_PPC, UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN
        Pointer uc = out.getValue();
        check(lib.uc_mem_map(uc, 0x10000, 0x1000, 7));
        try (Memory code = new Memory(4)) {
            code.setInt(0, Integer.reverseBytes(word));      // big-endian guest on a little-endian host
            check(lib.uc_mem_write(uc, 0x10000, code, 4));
        }
        int err = lib.uc_emu_start(uc, 0x10000, 0x10004, 0, 10);
        lib.uc_close(uc);
        System.out.println("survived uc_err " + err);
    }

    private static void check(int err) {
        if (err != 0) {
            throw new IllegalStateException("libunicorn returned uc_err " + err);
        }
    }
}
