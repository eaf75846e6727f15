@ purgatory_arm.S - kexec-lab's 32-bit arm purgatory (GNU as, ARM state).
@
@ Register contract. Entered at purgatory_start from the relocation stub in SVC (or HYP)
@ mode with IRQ and FIQ masked and the MMU off, which it keeps. It leaves for the zImage's
@ first instruction (Documentation/arch/arm/booting.rst, "Calling the kernel image") with:
@
@   r0 = 0                                              from purgatory_r0
@   r1 = the machine type (~0 with a device tree)        from purgatory_r1
@   r2 = the DTB's (or ATAGs') physical address          from purgatory_r2
@   pc = purgatory_kernel_entry, by bx through r3 (its only scratch register), so an
@        odd entry enters Thumb state
@
@ Data slots, one word each, patched by Java (org.kexeclab.loader.Purgatories).

	.text
	.arm
	.globl	purgatory_start
purgatory_start:
	ldr	r0, purgatory_r0
	ldr	r1, purgatory_r1
	ldr	r2, purgatory_r2
	ldr	r3, purgatory_kernel_entry
	bx	r3

	.align	2
purgatory_kernel_entry:
	.word	0
purgatory_r0:
	.word	0
purgatory_r1:
	.word	0
purgatory_r2:
	.word	0
