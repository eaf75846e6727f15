package org.kexeclab.testkit;

import org.kexeclab.loader.plan.LoadPlan;

/**
 * The loader tests' synthetic kernels and plan invariants, opened to the reliability fuzzers
 * in another package ({@code org.kexeclab.reliability}): valid files to start mutating from.
 */
public final class FuzzKernels {
    private FuzzKernels() {
    }

    /** A valid bzImage (protocol 2.15, 3 setup sectors, 12 KiB payload). */
    public static byte[] bzImage() {
        return SyntheticKernels.bzImage();
    }

    /** A valid 64 KiB arm64 Image. */
    public static byte[] arm64Image() {
        return SyntheticKernels.arm64Image();
    }

    /** A valid 32 KiB arm zImage. */
    public static byte[] zImage() {
        return SyntheticKernels.zImage();
    }

    /** A valid zImage with a KRNL_SIZE tag (size_ptr at 0x7ffc). */
    public static byte[] zImageWithSizeTag(long edata, long bss) {
        return SyntheticKernels.zImageWithSizeTag(edata, bss);
    }

    /** A valid ELF vmlinux: two PT_LOAD and one PT_NOTE, program headers right after the ELF header. */
    public static byte[] elf(boolean is64, boolean little, int machine, long vbase) {
        return SyntheticKernels.elf(is64, little, machine, vbase);
    }

    /** {@code data} gzip-compressed. */
    public static byte[] gzip(byte[] data) {
        return SyntheticKernels.gzip(data);
    }

    /** Fails unless {@code plan} keeps every planning invariant (and passes LoadChecks when small enough). */
    public static void checkPlan(LoadPlan plan) throws Exception {
        PlanInvariants.check(plan);
    }
}
