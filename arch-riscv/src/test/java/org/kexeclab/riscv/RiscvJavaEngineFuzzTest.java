package org.kexeclab.riscv;

import org.kexeclab.testkit.JavaEngineFuzz;

/** Random code on the Java engine's RV64 hart. */
class RiscvJavaEngineFuzzTest extends JavaEngineFuzz {
    RiscvJavaEngineFuzzTest() {
        super(RiscvFixtures.fuzz());
    }
}
