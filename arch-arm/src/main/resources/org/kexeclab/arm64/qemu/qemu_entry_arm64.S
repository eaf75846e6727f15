// qemu_entry_arm64.S - kexec-lab's boot-check entry trampoline for arm64 (GNU as).
//
// QEMU's virt machine resets CPU 0 at EL1 with the MMU and caches off and DAIF masked, the
// state the relocation leaves for the kernel; the boot check starts CPU 0 here instead of at
// QEMU's firmware. It puts in place the registers the emulated CPU held at the kernel entry,
// which the boot protocol fixes (Documentation/arch/arm64/booting.rst, "Call the kernel image"),
// and branches to the entry:
//
//   x0 = the DTB's physical address       from entry_x0
//   x1 = x2 = x3 = 0 (reserved)           from entry_x1 .. entry_x3
//   pc = entry_pc                          through x16, the intra-procedure-call scratch register
//
// Position-independent; data slots, one doubleword each, patched by Java (EntryTrampoline).

	.text
	.globl	entry_start
entry_start:
	ldr	x0, entry_x0
	ldr	x1, entry_x1
	ldr	x2, entry_x2
	ldr	x3, entry_x3
	ldr	x16, entry_pc
	br	x16

	.align	3
entry_pc:
	.quad	0
entry_x0:
	.quad	0
entry_x1:
	.quad	0
entry_x2:
	.quad	0
entry_x3:
	.quad	0
