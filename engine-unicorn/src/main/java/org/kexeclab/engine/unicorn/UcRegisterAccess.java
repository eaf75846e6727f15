package org.kexeclab.engine.unicorn;

import java.nio.ByteBuffer;
import org.kexeclab.engine.Register;

/**
 * Raw register access of one Unicorn CPU, for the registers a {@link UcRegister} reaches in its
 * own way: a buffer in native memory and {@code uc_reg_read}/{@code uc_reg_write} through it.
 */
public interface UcRegisterAccess {

    /** The register buffer: at least 32 bytes of native memory, in native byte order. */
    ByteBuffer buffer();

    /** {@code uc_reg_read(id)} into {@link #buffer()}; a failure names {@code register}. */
    void read(int id, Register register);

    /** {@code uc_reg_write(id)} from {@link #buffer()}; a failure names {@code register}. */
    void write(int id, Register register);
}
