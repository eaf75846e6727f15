package org.kexeclab.x86;

import org.kexeclab.testkit.JavaEngineFuzz;


/** Random code on the Java engine's x86_64 instruction set. */
class X86JavaEngineFuzzTest extends JavaEngineFuzz {
    X86JavaEngineFuzzTest() {
        super(X86Fixtures.fuzz());
    }
}
