package org.kexeclab.ppc;

import org.kexeclab.testkit.JavaEngineFuzz;


/** Random code on the Java engine's little-endian ppc64 instruction set. */
class Ppc64LeJavaEngineFuzzTest extends JavaEngineFuzz {
    Ppc64LeJavaEngineFuzzTest() {
        super(PpcFixtures.fuzz(PpcArches.PPC64LE));
    }
}
