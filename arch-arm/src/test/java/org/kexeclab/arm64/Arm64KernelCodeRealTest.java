package org.kexeclab.arm64;

import org.kexeclab.arm.ArmArches;

import org.kexeclab.Arch;
import org.kexeclab.testkit.RealKernelCodeTest;

/** Debian's arm64 Image relocated by its own {@code arm64_relocate_new_kernel} (MMU off) and by the stub (skipped unless fetched). */
class Arm64KernelCodeRealTest extends RealKernelCodeTest {
    @Override
    protected Arch arch() {
        return ArmArches.ARM64;
    }
}
