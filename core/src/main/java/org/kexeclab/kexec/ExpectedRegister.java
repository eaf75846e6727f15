package org.kexeclab.kexec;

import org.kexeclab.engine.Register;

/**
 * One rule of an architecture's boot protocol: at the new kernel's entry, {@code register}
 * holds {@code value}.
 *
 * @param register the register
 * @param value    the value the protocol requires
 * @param why      what the value means, in the protocol's words ("dtb physical address")
 */
public record ExpectedRegister(Register register, long value, String why) {
}
