package org.kexeclab.ppc;

import org.kexeclab.testkit.EngineDifferentialFuzz;


/** The Java engine against Unicorn on random ppc32 code. */
class Ppc32EngineDifferentialFuzzTest extends EngineDifferentialFuzz {
    Ppc32EngineDifferentialFuzzTest() {
        super(PpcFixtures.fuzz(PpcArches.PPC32));
    }
}
