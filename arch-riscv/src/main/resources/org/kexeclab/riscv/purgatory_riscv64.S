# purgatory_riscv64.S - kexec-lab's riscv64 purgatory (GNU as syntax).
#
# Register contract. Entered at purgatory_start from the relocation stub with the MMU off and
# interrupts off, which it keeps. It leaves for the kernel Image's first instruction
# (Documentation/arch/riscv/boot.rst) with:
#
#   a0 = the hart id                          from purgatory_a0 (the lab's machine boots hart 0)
#   a1 = the device tree's physical address   from purgatory_a1
#   pc = purgatory_kernel_entry               (through t0)
#
# Data slots, one doubleword each, patched by Java (org.kexeclab.loader.plan.Purgatories);
# a slot the load plan does not name stays 0.

	.text
	.globl	purgatory_start
purgatory_start:
	lla	t0, purgatory_a0
	ld	a0, 0(t0)
	lla	t0, purgatory_a1
	ld	a1, 0(t0)
	lla	t0, purgatory_kernel_entry
	ld	t0, 0(t0)
	jr	t0

	.balign	8
purgatory_kernel_entry:
	.quad	0
purgatory_a0:
	.quad	0
purgatory_a1:
	.quad	0
