package org.kexeclab.arm;

import org.kexeclab.testkit.EngineDifferentialFuzz;


/** The Java engine against Unicorn on random A32 and Thumb code. */
class ArmEngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    ArmEngineDifferentialFuzzTest() {
        super(ArmFixtures.fuzzArm());
    }
}
