package org.kexeclab.riscv;

import org.kexeclab.testkit.EngineDifferentialFuzz;

/** The Java engine against Unicorn on random RV64 code. */
class RiscvEngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    RiscvEngineDifferentialFuzzTest() {
        super(RiscvFixtures.fuzz());
    }
}
