/**
 * 32- and 64-bit PowerPC for kexec-lab: {@link org.kexeclab.ppc.PpcEncoder}, the GNU-syntax
 * instruction encoder the assembler uses for ppc32, ppc64 and ppc64le;
 * {@link org.kexeclab.ppc.PpcStubs}, which assembles the ppc32 relocation stub
 * ({@code relocate_kernel_ppc32.S}) and the ppc64 kexec sequence ({@code kexec_sequence_ppc64.S});
 * the machines {@link org.kexeclab.ppc.Ppc32MachineKexec}, {@link org.kexeclab.ppc.Ppc64MachineKexec}
 * and {@link org.kexeclab.ppc.Ppc64LeMachineKexec}; and {@link org.kexeclab.ppc.PpcEntryProbes},
 * the programs that check the boot protocol at the new kernel's entry.
 */
package org.kexeclab.ppc;
