package org.kexeclab.ppc.interp;

/**
 * One 32-bit PowerPC instruction form for the randomized lockstep runs: the fixed bits, the
 * bits that are filled at random (register numbers, immediates, OE and Rc where the form has
 * them) and how the operands must be prepared so the instruction is meaningful.
 *
 * @param name       mnemonic(s) the form covers, e.g. {@code "add[o][.]"}
 * @param fixed      the opcode bits
 * @param randomBits the bits drawn at random
 * @param kind       how {@link PpcRandomCases} prepares registers and memory
 */
record PpcForm(String name, int fixed, int randomBits, Kind kind) {

    /** Operand preparation. */
    enum Kind {
        /** Registers only: every GPR, CR, XER, LR, CTR random. */
        ALU,
        /** D-form load or store: (ra) + d lands in the data pages. */
        MEMORY_D,
        /** X-form load, store or cache-block operation: (ra|0) + (rb) lands in the data pages. */
        MEMORY_X,
        /** {@code bc}/{@code bclr}/{@code bcctr}: BO drawn from the architected values. */
        BRANCH,
        /** {@code bcctr}: BO drawn from the values that do not decrement CTR. */
        BRANCH_CTR,
        /** {@code mtmsr}: rs holds one of a few real-mode MSR values. */
        MSR,
        /** {@code rfi}: SRR1 holds one of a few real-mode MSR values. */
        RETURN
    }

    /** The word for {@code random} bits (only {@link #randomBits} of it are used). */
    int encode(int random) {
        return fixed | (random & randomBits);
    }

    @Override
    public String toString() {
        return name;
    }
}
