@ qemu_entry_arm.S - kexec-lab's boot-check entry trampoline for 32-bit ARM (GNU as).
@
@ QEMU's virt machine resets CPU 0 in SVC mode, ARM state, IRQ and FIQ masked, MMU and
@ caches off: the state the relocation leaves for the kernel. The boot check starts CPU 0
@ here instead of at QEMU's firmware. It puts in place the registers the emulated CPU held at
@ the kernel entry, which the boot protocol fixes (Documentation/arch/arm/booting.rst):
@
@   r0 = 0                                  from entry_r0
@   r1 = the machine type (~0: device tree) from entry_r1
@   r2 = the DTB's physical address         from entry_r2
@   pc = entry_pc, through r3
@
@ Position-independent; data slots, one word each, patched by Java (EntryTrampoline).

	.text
	.arm
	.globl	entry_start
entry_start:
	ldr	r0, entry_r0
	ldr	r1, entry_r1
	ldr	r2, entry_r2
	ldr	r3, entry_pc
	bx	r3

	.align	2
entry_pc:
	.word	0
entry_r0:
	.word	0
entry_r1:
	.word	0
entry_r2:
	.word	0
