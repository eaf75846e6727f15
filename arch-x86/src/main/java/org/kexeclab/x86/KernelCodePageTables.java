package org.kexeclab.x86;

import org.kexeclab.engine.GuestMemory;
import org.kexeclab.image.AddressRange;

/**
 * The page tables x86_64's {@code relocate_kernel} runs through when called as the kernel calls
 * it, with paging on: the old kernel's, live at the call, and the kexec tables it switches CR3
 * to.
 *
 * <p><b>The old kernel's</b> ({@link #oldKernel}) map what the code touches before its CR3
 * switch: the kernel-text page holding {@code relocate_kernel} (a 4 KiB page onto the page that
 * holds the old kernel's copy of the code) and the direct map of RAM at {@link #PAGE_OFFSET}
 * with 1 GiB pages, through which it reaches the page list on the old kernel's stack and saves
 * rsp and CR0, CR3, CR4 in the control page. Nothing else: no identity map, so the code's
 * {@code ret} into {@code identity_mapped} at the control page's physical address only works
 * after its CR3 switch.
 *
 * <p><b>The transition mapping</b> ({@link #addTransition}): {@code init_transition_pgtable} adds
 * to the kexec identity tables a 4 KiB mapping of {@code relocate_kernel}'s kernel-text address
 * onto the control page that holds its copy, so the instruction after the CR3 switch (still at
 * the kernel-text address) is fetched from the copy. Entries carry the kernel's bits:
 * {@code _KERNPG_TABLE} for tables, {@code PAGE_KERNEL_EXEC} for pages.
 */
final class KernelCodePageTables {
    /** Where the direct map of physical memory starts (x86_64's {@code __PAGE_OFFSET} without KASLR). */
    static final long PAGE_OFFSET = 0xffff_8880_0000_0000L;
    private static final long GIB = 1L << 30;

    private KernelCodePageTables() {
    }

    /**
     * Adds the mapping of the 4 KiB page at {@code text} to {@code controlPage} under the tables
     * at {@code pml4} (already in memory), allocating its tables from {@code area}.
     */
    static void addTransition(GuestMemory memory, long pml4, AddressRange area, long text, long controlPage) {
        PageTableWriter w = new PageTableWriter(memory, area);
        w.map4k(pml4, text, controlPage, PageTableWriter.KERNEL_PAGE);
        w.write();
    }

    /**
     * Builds the old kernel's tables in {@code area} (the PML4 first: the returned CR3 value):
     * the direct map of {@code [0, ramEnd)} rounded up to 1 GiB, and {@code text} onto
     * {@code textPage}.
     */
    static long oldKernel(GuestMemory memory, AddressRange area, long ramEnd, long text, long textPage) {
        PageTableWriter w = new PageTableWriter(memory, area);
        long pml4 = w.allocate();
        for (long physical = 0; physical < ramEnd; physical += GIB) {
            w.map1g(pml4, PAGE_OFFSET + physical, physical, PageTableWriter.KERNEL_PAGE);
        }
        w.map4k(pml4, text, textPage, PageTableWriter.KERNEL_PAGE);
        w.write();
        return pml4;
    }
}
