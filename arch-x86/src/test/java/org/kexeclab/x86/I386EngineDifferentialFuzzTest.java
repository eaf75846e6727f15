package org.kexeclab.x86;

import org.kexeclab.testkit.EngineDifferentialFuzz;

/** The Java engine against Unicorn on random i386 code (32-bit protected mode). */
class I386EngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    I386EngineDifferentialFuzzTest() {
        super(X86Fixtures.fuzzI386());
    }
}
