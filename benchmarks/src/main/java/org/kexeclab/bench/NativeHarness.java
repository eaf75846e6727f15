package org.kexeclab.bench;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The C harness built as {@code libkexecharness.so} ({@code benchmarks/native/build.sh}), bound
 * with JNA direct mapping: one call per restore and per run, so the C side does all the work.
 * The library is looked up at {@code -Dkexec.harness.lib=PATH}, default
 * {@code benchmarks/native/target/libkexecharness.so} under the working directory.
 */
final class NativeHarness {
    static final Path LIBRARY = Path.of(System.getProperty("kexec.harness.lib",
            "benchmarks/native/target/libkexecharness.so")).toAbsolutePath();

    private NativeHarness() {
    }

    /**
     * Binds the library.
     *
     * @throws IllegalStateException naming the build command when the library is missing
     */
    static void load() {
        if (!Files.isRegularFile(LIBRARY)) {
            throw new IllegalStateException("the C harness library " + LIBRARY + " is missing: run "
                    + "benchmarks/native/build.sh (needs gcc and libunicorn-dev), or set -Dkexec.harness.lib");
        }
        synchronized (NativeHarness.class) {
            if (!bound) {
                Native.register(NativeHarness.class, NativeLibrary.getInstance(LIBRARY.toString()));
                bound = true;
            }
        }
    }

    private static boolean bound;

    static native Pointer kh_open(String path, byte[] err, int errlen);

    static native int kh_restore(Pointer machine);

    static native int kh_run(Pointer machine);

    static native long kh_pc(Pointer machine);

    static native long kh_hash(Pointer machine, long address, long length);

    static native void kh_close(Pointer machine);

    /** FNV-1a 64 of {@code bytes}, the same function as {@code kh_hash}. */
    static long fnv1a(byte[] bytes, long h) {
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** FNV-1a 64's offset basis. */
    static final long FNV_BASIS = 0xcbf29ce484222325L;
}
