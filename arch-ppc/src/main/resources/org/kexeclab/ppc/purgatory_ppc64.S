# purgatory_ppc64.S - kexec-lab's 64-bit PowerPC (one source for ppc64 and ppc64le) purgatory.
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
# besides r3-r5. Data slots, one doubleword each in the CPU's byte order, patched by
# Java (org.kexeclab.loader.Purgatories).

	.text
	.globl purgatory_start
purgatory_start:
	bl	purgatory_here
purgatory_here:
	mflr	r12
	ld	r3, purgatory_r3 - purgatory_here(r12)
	ld	r4, purgatory_r4 - purgatory_here(r12)
	ld	r5, purgatory_r5 - purgatory_here(r12)
	ld	r12, purgatory_kernel_entry - purgatory_here(r12)
	mtctr	r12
	bctr

	.balign 8
purgatory_kernel_entry:
	.quad	0
purgatory_r3:
	.quad	0
purgatory_r4:
	.quad	0
purgatory_r5:
	.quad	0
