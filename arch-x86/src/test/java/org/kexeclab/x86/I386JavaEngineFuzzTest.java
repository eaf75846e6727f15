package org.kexeclab.x86;

import org.kexeclab.testkit.JavaEngineFuzz;

/** Random code on the Java engine's i386 instruction set (32-bit protected mode). */
class I386JavaEngineFuzzTest extends JavaEngineFuzz {
    I386JavaEngineFuzzTest() {
        super(X86Fixtures.fuzzI386());
    }
}
