package org.kexeclab.ppc;


/**
 * Little-endian 64-bit PowerPC kexec (ppc64le): the same sequence and contract as
 * {@link Ppc64MachineKexec}, assembled little-endian and called with MSR[LE] set.
 */
public final class Ppc64LeMachineKexec extends Ppc64MachineKexec {
    /** The ppc64le machine (the one ServiceLoader creates). */
    public Ppc64LeMachineKexec() {
        super(PpcArches.PPC64LE);
    }
}
