package org.kexeclab.x86.interp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.kexeclab.engine.MemoryAccess;
import org.kexeclab.engine.interp.GuestBus;

/**
 * x86-64 four-level paging for the Java engine, in force while CR0.PG and CR4.PAE are set in
 * long mode: the walk from CR3 through the PML4, the page-directory-pointer table (a 1 GiB page
 * where PS is set), the page directory (a 2 MiB page where PS is set) and the page table (4 KiB).
 *
 * <p>Checked as a supervisor access: every entry on the way must be present, and a write needs
 * R/W in every entry when CR0.WP is set. As QEMU's walk (and so Unicorn's) does, a walk sets the
 * accessed bit in every entry it passes that lacks it, and for a write the dirty bit in the
 * last one, once the walk has succeeded for the upper entries. Not modelled: the NX bit (Unicorn
 * starts with EFER.NXE clear, so it is ignored there too), reserved-bit and canonical-address
 * checks, user pages, PCIDs, global pages and five-level paging. The TLB is the bus's
 * ({@link GuestBus}): this walk runs only when an entry is filled, and every CR0, CR3 or CR4
 * write flushes it. A walk that faults returns {@link GuestBus.Translation#NOT_PRESENT} or
 * {@link GuestBus.Translation#PROTECTED}; the bus reports a memory fault at the virtual address
 * and the core sets CR2 to it.
 */
final class X86Paging implements GuestBus.Translation {
    /** CR0.PG. */
    static final long CR0_PG = 1L << 31;
    /** CR0.WP: supervisor writes honour R/W. */
    static final long CR0_WP = 1L << 16;
    /** CR4.PAE. */
    static final long CR4_PAE = 1L << 5;

    private static final long PRESENT = 1;
    private static final long WRITABLE = 1 << 1;
    private static final long ACCESSED = 1 << 5;
    private static final long DIRTY = 1 << 6;
    private static final long LARGE = 1 << 7;
    /** Bits 12..51 of an entry: the next table's or the page's physical address. */
    private static final long ADDRESS = 0x000f_ffff_ffff_f000L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final GuestBus bus;
    private long root;
    private boolean writeProtect;

    X86Paging(GuestBus bus) {
        this.bus = bus;
    }

    /** Takes the table root from {@code cr3} and the write-protect rule from {@code cr0}. */
    void load(long cr0, long cr3) {
        root = cr3 & ADDRESS;
        writeProtect = (cr0 & CR0_WP) != 0;
    }

    @Override
    public long translate(long address, MemoryAccess access, boolean quiet) {
        boolean write = access == MemoryAccess.WRITE;
        long table = root;
        boolean writable = true;
        for (int shift = 39; shift >= 12; shift -= 9) {
            long at = table + ((address >>> shift & 0x1ff) << 3);
            byte[] page = bus.physicalPage(at);
            if (page == null) {
                return NOT_PRESENT;
            }
            int offset = (int) at & (GuestBus.PAGE_SIZE - 1);
            long entry = (long) LONG_LE.get(page, offset);
            if ((entry & PRESENT) == 0) {
                return NOT_PRESENT;
            }
            writable &= (entry & WRITABLE) != 0;
            boolean leaf = shift == 12 || (shift <= 30 && (entry & LARGE) != 0);
            if (leaf) {
                if (write && writeProtect && !writable) {
                    return PROTECTED;
                }
                long set = ACCESSED | (write ? DIRTY : 0);
                if (!quiet && (entry & set) != set) {
                    LONG_LE.set(page, offset, entry | set);
                }
                long size = 1L << shift;
                return (entry & ADDRESS & -size) | (address & (size - 1));
            }
            if (!quiet && (entry & ACCESSED) == 0) {
                LONG_LE.set(page, offset, entry | ACCESSED);
            }
            table = entry & ADDRESS;
        }
        throw new AssertionError("a four-level walk ends at its page table");
    }
}
