package org.kexeclab.loader.crash;

import org.kexeclab.image.AddressRange;
import org.kexeclab.image.MemoryLayout;
import org.kexeclab.loader.plan.PlanningException;

/**
 * An architecture's kdump facts, as its kernel and kexec-tools apply them: where
 * {@code crashkernel=SIZE} reserves memory when no offset is given (each architecture's kernel
 * has its own rule), what it requires of {@code crashkernel=SIZE@OFFSET}, where kexec-lab
 * assumes the running kernel's image when the memory map does not say, and the size of one
 * CPU's crash note. An architecture offers it through
 * {@link org.kexeclab.arch.ArchSupport#crashKernel()}; its kernel formats plan the crash load
 * itself ({@link org.kexeclab.loader.plan.LoadRequest#crash()}).
 */
public interface CrashKernelRules {

    /**
     * {@code crashkernel=SIZE}: the reservation the kernel makes for {@code size} bytes on
     * {@code layout} (the running kernel, if the layout names it, is never overlapped).
     *
     * @throws PlanningException if the kernel would find no room (one sentence, as its log says)
     */
    AddressRange reserve(MemoryLayout layout, long size) throws PlanningException;

    /**
     * {@code crashkernel=SIZE@OFFSET}: the reservation at {@code offset}, refused as the kernel
     * refuses it (not RAM, overlapping the running kernel or reserved memory, misaligned).
     */
    AddressRange reserveAt(MemoryLayout layout, long size, long offset) throws PlanningException;

    /** Where the running kernel's image is taken to be when the memory map does not say. */
    AddressRange assumedRunningKernel(MemoryLayout layout);

    /** Bytes of one CPU's crash note ({@code crash_notes_size}: two note headers, "CORE", {@code elf_prstatus}). */
    long crashNotesSize();
}
