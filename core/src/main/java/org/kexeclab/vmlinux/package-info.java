/**
 * Distribution kernels opened down to their own code and symbols, with no {@code -dbg}
 * package: {@link org.kexeclab.vmlinux.Vmlinux} (the decompressed kernel as
 * {@link org.kexeclab.vmlinux.KernelMemory} plus a {@link org.kexeclab.vmlinux.SymbolTable}),
 * the kallsyms table found in raw bytes ({@link org.kexeclab.vmlinux.KallsymsReader}), the
 * System.map and ELF {@code .symtab} readers, and the two interfaces the architecture
 * modules implement: {@link org.kexeclab.vmlinux.ImageLinkAddress} (where a raw image is
 * linked) and {@link org.kexeclab.vmlinux.RelocationCodeLocator} (where the kernel's
 * relocation code is). Nothing here names an architecture. Failures are
 * {@link org.kexeclab.vmlinux.VmlinuxException}, one sentence each. See docs/LOADER.md.
 */
package org.kexeclab.vmlinux;
