package org.kexeclab.loader.plan;

import java.util.Objects;
import org.kexeclab.kexec.StandardMachine;

/**
 * What a user asks to load: the kernel file, an optional initrd (opaque), the command line,
 * an optional device tree to patch instead of the generated one, the machine's RAM size and
 * the cap on a compressed kernel's decompressed size; for a crash load ({@code kexec -p}), the
 * kernel that will crash.
 *
 * @param kernel          the kernel file's bytes
 * @param initrd          the initrd's bytes, or null
 * @param cmdline         the kernel command line (may be empty, never null)
 * @param dtb             a DTB to patch, or null for a generated one (refused by loads that take none)
 * @param ramSize         bytes of RAM of the {@link StandardMachine}
 * @param maxDecompressed cap on a gzip kernel's decompressed size
 * @param crash           for a crash load, the kernel that crashes (its notes go into the ELF core
 *                        header); null for a default load ({@code kexec -l})
 */
public record LoadRequest(byte[] kernel, byte[] initrd, String cmdline, byte[] dtb, long ramSize,
                          long maxDecompressed, CrashedKernel crash) {
    /** The default cap on a compressed kernel's decompressed size: 256 MiB. */
    public static final long DEFAULT_MAX_DECOMPRESSED = 256L << 20;

    /** Requires kernel and cmdline. */
    public LoadRequest {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(cmdline, "cmdline");
    }

    /** A request for {@code kernel} alone, empty command line, default RAM and cap. */
    public static LoadRequest of(byte[] kernel) {
        return new LoadRequest(kernel, null, "", null, StandardMachine.DEFAULT_RAM, DEFAULT_MAX_DECOMPRESSED, null);
    }

    /** This request with {@code initrd}. */
    public LoadRequest withInitrd(byte[] initrd) {
        return new LoadRequest(kernel, initrd, cmdline, dtb, ramSize, maxDecompressed, crash);
    }

    /** This request with {@code cmdline}. */
    public LoadRequest withCmdline(String cmdline) {
        return new LoadRequest(kernel, initrd, cmdline, dtb, ramSize, maxDecompressed, crash);
    }

    /** This request with a user DTB. */
    public LoadRequest withDtb(byte[] dtb) {
        return new LoadRequest(kernel, initrd, cmdline, dtb, ramSize, maxDecompressed, crash);
    }

    /** This request as a crash load ({@code kexec -p}) for the crash of {@code crashed}; null: a default load. */
    public LoadRequest withCrash(CrashedKernel crashed) {
        return new LoadRequest(kernel, initrd, cmdline, dtb, ramSize, maxDecompressed, crashed);
    }

    /** This request with {@code ramSize} bytes of RAM. */
    public LoadRequest withRam(long ramSize) {
        return new LoadRequest(kernel, initrd, cmdline, dtb, ramSize, maxDecompressed, crash);
    }
}
