/**
 * Running a distribution kernel's own relocation code instead of kexec-lab's stub: the SPI an
 * architecture implements to say how its {@code machine_kexec} calls that code
 * ({@link org.kexeclab.kexec.kernelcode.KernelRelocation}, returning a
 * {@link org.kexeclab.kexec.kernelcode.KernelCodeKexec}), the neutral way to it
 * ({@link org.kexeclab.kexec.kernelcode.KernelRelocations}), the choice between the two
 * ({@link org.kexeclab.kexec.kernelcode.RelocateWith}) and the listing of the kernel's code by
 * its symbols ({@link org.kexeclab.kexec.kernelcode.KernelCodeListing}). Nothing here names an
 * architecture. See docs/KERNEL-CODE.md.
 */
package org.kexeclab.kexec.kernelcode;
