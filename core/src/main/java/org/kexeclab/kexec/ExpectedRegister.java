package org.kexeclab.kexec;

import org.kexeclab.engine.Register;

/**
 * One rule of an architecture's boot protocol: at the new kernel's entry, the bits of
 * {@code register} that {@code mask} selects hold {@code value} (all bits, usually; a rule
 * about some flags only, such as "interrupts off, direction flag clear", masks the others).
 *
 * @param register the register
 * @param value    the value the protocol requires (of the masked bits)
 * @param mask     the bits the rule is about (-1: the whole register)
 * @param why      what the value means, in the protocol's words ("dtb physical address")
 */
public record ExpectedRegister(Register register, long value, long mask, String why) {

    /** A rule about the whole register. */
    public ExpectedRegister(Register register, long value, String why) {
        this(register, value, -1L, why);
    }

    /** True if {@code actual} satisfies the rule. */
    public boolean holds(long actual) {
        return (actual & mask) == value;
    }
}
