package org.kexeclab.arm;

import org.kexeclab.testkit.JavaEngineFuzz;


/** Random code on the Java engine's A32 and Thumb instruction sets. */
class ArmJavaEngineFuzzTest extends JavaEngineFuzz {
    ArmJavaEngineFuzzTest() {
        super(ArmFixtures.fuzzArm());
    }
}
