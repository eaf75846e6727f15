package org.kexeclab.arch;

import java.util.Objects;
import org.kexeclab.engine.Cpu;
import org.kexeclab.engine.Register;

/**
 * One register as GDB's target description names it, and where its value comes from in the
 * project's CPU. A register the project does not model (the floating-point and vector state the
 * stubs never touch) has no {@link Access}: the remote protocol reports it as unavailable rather
 * than inventing a value.
 *
 * @param name   GDB's name ({@code rip}, {@code x0}, {@code cpsr}, {@code r3})
 * @param bits   its size in bits, as GDB's feature file gives it
 * @param number GDB's register number, which orders the {@code g} packet
 * @param type   GDB's type name ({@code int}, {@code code_ptr}, {@code data_ptr}, {@code uint32}, ...)
 * @param group  GDB's register group, or null for the default
 * @param access how to read and write it, or null where the project does not model it
 */
public record GdbRegister(String name, int bits, int number, String type, String group, Access access) {

    /** How one register's value is read from and written to a CPU. */
    public interface Access {
        /** The value, zero-extended. */
        long read(Cpu cpu);

        /** Sets the value. */
        void write(Cpu cpu, long value);

        /** The project's register {@code register}, as it is. */
        static Access of(Register register) {
            Objects.requireNonNull(register, "register");
            return new Access() {
                @Override
                public long read(Cpu cpu) {
                    return cpu.readRegister(register);
                }

                @Override
                public void write(Cpu cpu, long value) {
                    cpu.writeRegister(register, value);
                }
            };
        }
    }

    /** Checks the size and the number. */
    public GdbRegister {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (bits <= 0 || bits % 8 != 0 || (access != null && bits > 64)) {
            throw new IllegalArgumentException("register " + name + ": " + bits + " bits cannot be carried");
        }
        if (number < 0) {
            throw new IllegalArgumentException("register " + name + ": negative number " + number);
        }
    }

    /** A register read and written as the project's {@code register}. */
    public static GdbRegister of(String name, int bits, int number, String type, Register register) {
        return new GdbRegister(name, bits, number, type, null, Access.of(register));
    }

    /** A register the project does not model: reported as unavailable. */
    public static GdbRegister unavailable(String name, int bits, int number, String type, String group) {
        return new GdbRegister(name, bits, number, type, group, null);
    }

    /** True if the project models it. */
    public boolean available() {
        return access != null;
    }

    /** Its size in bytes. */
    public int bytes() {
        return bits / 8;
    }
}
