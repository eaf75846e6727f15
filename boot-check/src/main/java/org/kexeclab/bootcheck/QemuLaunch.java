package org.kexeclab.bootcheck;

import java.util.List;
import java.util.Objects;

/**
 * What an architecture gives QEMU to start the new kernel with: the memory regions (the
 * destinations read out of the emulator, and the architecture's own entry trampoline), an
 * optional firmware image replacing QEMU's ({@code -bios}: where the machine's reset cannot be
 * pointed elsewhere), and where CPU 0 starts when the machine lets it be set after reset
 * ({@code -device loader,addr=...,cpu-num=0}).
 *
 * @param regions the memory regions, disjoint; none may overlap the firmware image
 * @param bios    the image given as {@code -bios} (its address is where the machine maps it), or null
 * @param start   where CPU 0 starts, or -1 to leave it at the machine's reset vector
 * @param how     one sentence saying how the entry registers are set ("a trampoline at 0x... loads the boot registers and branches
 *                to the kernel entry")
 */
public record QemuLaunch(List<MemoryRegion> regions, MemoryRegion bios, long start, String how) {
    /** No start address: the machine starts at its own reset vector (into the {@code -bios} image). */
    public static final long RESET_VECTOR = -1;

    /** Copies the regions. */
    public QemuLaunch {
        regions = List.copyOf(regions);
        Objects.requireNonNull(how, "how");
    }
}
