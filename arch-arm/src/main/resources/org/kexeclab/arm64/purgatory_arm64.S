// purgatory_arm64.S - kexec-lab's arm64 purgatory (GNU as).
//
// Register contract. Entered at purgatory_start from the relocation stub with the MMU and
// data cache off and DAIF masked, which it keeps. It leaves for the kernel Image's first
// instruction (Documentation/arch/arm64/booting.rst, "Call the kernel image") with:
//
//   x0 = the DTB's physical address      from purgatory_x0
//   x1 = x2 = x3 = 0 (reserved)          from purgatory_x1 .. purgatory_x3
//   pc = purgatory_kernel_entry          (through x16, the intra-procedure-call scratch register)
//
// Data slots, one doubleword each, patched by Java (org.kexeclab.loader.Purgatories);
// a slot the load plan does not name stays 0.

	.text
	.globl	purgatory_start
purgatory_start:
	ldr	x0, purgatory_x0
	ldr	x1, purgatory_x1
	ldr	x2, purgatory_x2
	ldr	x3, purgatory_x3
	ldr	x16, purgatory_kernel_entry
	br	x16

	.align	3
purgatory_kernel_entry:
	.quad	0
purgatory_x0:
	.quad	0
purgatory_x1:
	.quad	0
purgatory_x2:
	.quad	0
purgatory_x3:
	.quad	0
