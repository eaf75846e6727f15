package org.kexeclab.ppc;

import org.kexeclab.testkit.JavaEngineFuzz;


/** Random code on the Java engine's ppc32 instruction set. */
class Ppc32JavaEngineFuzzTest extends JavaEngineFuzz {
    Ppc32JavaEngineFuzzTest() {
        super(PpcFixtures.fuzz(PpcArches.PPC32));
    }
}
