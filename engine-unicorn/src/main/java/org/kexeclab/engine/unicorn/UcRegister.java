package org.kexeclab.engine.unicorn;

import org.kexeclab.engine.Register;

/**
 * How the Unicorn binding reads and writes one register: most are one {@code uc_reg_read} or
 * {@code uc_reg_write} of Unicorn's register number ({@link #of}); a few need more (a system
 * register reached through a coprocessor structure, a bit field of a status register), which the
 * architecture's {@link UnicornTarget} implements with {@link UcRegisterAccess}.
 */
public interface UcRegister {

    /** Unicorn's number of the register when one {@code uc_reg_read}/{@code uc_reg_write} reaches it, else -1. */
    int id();

    /** Reads the register's value, zero-extended. */
    long read(Register register, UcRegisterAccess access);

    /** Writes the register. */
    void write(Register register, UcRegisterAccess access, long value);

    /** The register Unicorn numbers {@code id}. */
    static UcRegister of(int id) {
        return new Plain(id);
    }

    /** A register reached by its number: the binding reads and writes it itself ({@link #id()} >= 0). */
    record Plain(int id) implements UcRegister {
        @Override
        public long read(Register register, UcRegisterAccess access) {
            access.buffer().putLong(0, 0L);
            access.read(id, register);
            return access.buffer().getLong(0);
        }

        @Override
        public void write(Register register, UcRegisterAccess access, long value) {
            access.buffer().putLong(0, value);
            access.write(id, register);
        }
    }
}
