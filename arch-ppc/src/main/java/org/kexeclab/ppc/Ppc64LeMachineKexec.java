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

    /**
     * The ppc64le machine called in hypervisor state (MSR[HV] set) when {@code hypervisor}: as
     * the kernel's own {@code kexec_sequence} is called on a bare-metal POWER9, so that both
     * start, and end, with the same MSR.
     */
    public Ppc64LeMachineKexec(boolean hypervisor) {
        super(PpcArches.PPC64LE, hypervisor);
    }
}
