package org.kexeclab.loader.format;

import java.util.Objects;
import org.kexeclab.Arch;

/**
 * An architecture's ELF identity and how it boots an ELF vmlinux: the {@code e_machine} number
 * with the class (32 or 64 bit) and data encoding (byte order) its kernels use, and the
 * architecture's {@link ElfBoot}. {@link ElfParser} maps a file's header to its architecture
 * through these.
 *
 * @param arch         the architecture
 * @param machine      {@code e_machine}
 * @param sixtyFourBit true for {@code ELFCLASS64}, false for {@code ELFCLASS32}
 * @param littleEndian true for {@code ELFDATA2LSB}, false for {@code ELFDATA2MSB}
 * @param boot         how an ELF kernel of this architecture is booted
 */
public record ElfMachine(Arch arch, int machine, boolean sixtyFourBit, boolean littleEndian, ElfBoot boot) {

    /** Requires the architecture and the boot protocol. */
    public ElfMachine {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(boot, "boot");
    }

    /** True if a header with these fields is this machine's. */
    public boolean matches(int eMachine, boolean is64, boolean little) {
        return machine == eMachine && sixtyFourBit == is64 && littleEndian == little;
    }
}
