package org.kexeclab.arm64;

import org.kexeclab.arm.ArmFixtures;
import org.kexeclab.testkit.JavaEngineFuzz;

/** Random code on the Java engine's A64 instruction set. */
class Arm64JavaEngineFuzzTest extends JavaEngineFuzz {
    Arm64JavaEngineFuzzTest() {
        super(ArmFixtures.fuzzArm64());
    }
}
