# purgatory_ppc32.S - kexec-lab's 32-bit PowerPC purgatory.
#
# Register contract. Entered at purgatory_start from the relocation stub in real mode
# (MSR IR, DR and EE clear), which it keeps. It leaves for the kernel's entry point as
# the kernel expects from kexec (Documentation/arch/powerpc/booting.rst: r3 = the
# flattened device tree) with:
#
#   r3  = the DTB's physical address          from purgatory_r3
#   r4  = the kernel's physical base          from purgatory_r4
#   r5  = 0 (no Open Firmware client interface) from purgatory_r5
#   pc  = purgatory_kernel_entry, through CTR
#
# Position-independent: it finds its slots with bl/mflr, so only r12, CTR and LR change
# besides r3-r5. Data slots, one word each in the CPU's byte order, patched by
# Java (org.kexeclab.loader.Purgatories).

	.text
	.globl purgatory_start
purgatory_start:
	bl	purgatory_here
purgatory_here:
	mflr	r12
	lwz	r3, purgatory_r3 - purgatory_here(r12)
	lwz	r4, purgatory_r4 - purgatory_here(r12)
	lwz	r5, purgatory_r5 - purgatory_here(r12)
	lwz	r12, purgatory_kernel_entry - purgatory_here(r12)
	mtctr	r12
	bctr

	.balign 4
purgatory_kernel_entry:
	.long	0
purgatory_r3:
	.long	0
purgatory_r4:
	.long	0
purgatory_r5:
	.long	0
