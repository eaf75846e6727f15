package org.kexeclab.x86;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.kexeclab.engine.GuestMemory;
import org.kexeclab.kexec.StandardMachine;

/**
 * The two sets of 32-bit (non-PAE, two-level) page tables of an i386 kexec, in the machine's
 * architecture area, and a walk of them.
 *
 * <ul>
 * <li>The old kernel's: one page directory of 4 MiB pages (CR4.PSE) mapping all 4 GiB to itself,
 *     at {@link #OLD_KERNEL_PGD}. This machine has no kernel virtual mapping: every address the old
 *     kernel uses is physical, so its map is the identity.
 * <li>kexec's ({@code image->arch.pgd} in the kernel, built by {@code machine_kexec_prepare}): a
 *     page directory at {@link #KEXEC_PGD} and one page table after it, mapping the control page
 *     and nothing else to itself (the kernel maps it at its virtual and at its physical address,
 *     which are the same here). The stub switches to it before it turns paging off.
 * </ul>
 */
final class I386PageTables {
    /** The kexec page directory: the first page of the architecture area. */
    static final long KEXEC_PGD = StandardMachine.ARCH_AREA;
    /** The kexec page table that maps the control page. */
    static final long KEXEC_PTE = KEXEC_PGD + 0x1000;
    /** The old kernel's page directory: the last page of the architecture area. */
    static final long OLD_KERNEL_PGD = StandardMachine.ARCH_AREA + StandardMachine.ARCH_AREA_SIZE - 0x1000;
    /** Present, writable, accessed, dirty: {@code PAGE_KERNEL_EXEC} of a 32-bit kernel. */
    static final int PAGE_ATTR = 0x63;
    /** A page directory entry that points at a page table ({@code _PAGE_TABLE}: present, writable, user, accessed, dirty). */
    static final int TABLE_ATTR = 0x67;
    /** A 4 MiB page: PAGE_ATTR plus PS. */
    static final int LARGE_PAGE_ATTR = 0xe3;
    private static final int PAGE = 4096;
    private static final int PRESENT = 1;
    private static final int PS = 0x80;

    private I386PageTables() {
    }

    /** Writes the old kernel's identity page directory of 4 MiB pages. */
    static void writeOldKernel(GuestMemory memory) {
        ByteBuffer d = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 1024; i++) {
            d.putInt(4 * i, i << 22 | LARGE_PAGE_ATTR);
        }
        memory.write(OLD_KERNEL_PGD, d.array());
    }

    /** Writes kexec's page directory and page table, mapping {@code controlPage} (below 4 GiB) to itself. */
    static void writeKexec(GuestMemory memory, long controlPage) {
        ByteBuffer dir = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer table = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        dir.putInt(4 * (int) (controlPage >>> 22), (int) KEXEC_PTE | TABLE_ATTR);
        table.putInt(4 * (int) (controlPage >>> 12 & 0x3ff), (int) controlPage | PAGE_ATTR);
        memory.write(KEXEC_PGD, dir.array());
        memory.write(KEXEC_PTE, table.array());
    }

    /**
     * Where the tables at {@code pgd} map the 32-bit linear address {@code linear} (4 KiB and,
     * with CR4.PSE, 4 MiB pages), or -1 if they do not map it.
     */
    static long translate(GuestMemory memory, long pgd, long linear) {
        long pde = word(memory, (pgd & ~0xfffL) + 4 * (linear >>> 22 & 0x3ff));
        if ((pde & PRESENT) == 0) {
            return -1;
        }
        if ((pde & PS) != 0) {
            return pde & 0xffc0_0000L | linear & 0x3f_ffff;
        }
        long pte = word(memory, (pde & ~0xfffL) + 4 * (linear >>> 12 & 0x3ff));
        return (pte & PRESENT) == 0 ? -1 : pte & ~0xfffL | linear & 0xfff;
    }

    private static long word(GuestMemory memory, long address) {
        return ByteBuffer.wrap(memory.read(address, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffff_ffffL;
    }
}
