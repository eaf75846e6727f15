package org.kexeclab.x86;

import org.kexeclab.testkit.EngineDifferentialFuzz;


/** The Java engine against Unicorn on random x86_64 code. */
class X86EngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    X86EngineDifferentialFuzzTest() {
        super(X86Fixtures.fuzz());
    }
}
