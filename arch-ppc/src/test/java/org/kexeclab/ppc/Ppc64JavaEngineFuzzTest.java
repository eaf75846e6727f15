package org.kexeclab.ppc;

import org.kexeclab.testkit.JavaEngineFuzz;


/** Random code on the Java engine's big-endian ppc64 instruction set. */
class Ppc64JavaEngineFuzzTest extends JavaEngineFuzz {
    Ppc64JavaEngineFuzzTest() {
        super(PpcFixtures.fuzz(PpcArches.PPC64));
    }
}
