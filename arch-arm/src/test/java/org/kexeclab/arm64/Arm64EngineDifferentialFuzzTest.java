package org.kexeclab.arm64;

import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.testkit.EngineDifferentialFuzz;

/** The Java engine against Unicorn on random A64 code. */
class Arm64EngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    Arm64EngineDifferentialFuzzTest() {
        super(ArmFixtures.fuzzArm64());
    }
}
