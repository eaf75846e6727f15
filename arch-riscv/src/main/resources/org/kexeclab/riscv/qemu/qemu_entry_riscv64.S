# qemu_entry_riscv64.S - kexec-lab's boot-check entry trampoline for riscv64 (GNU as syntax).
#
# A riscv64 kernel runs in S-mode above an SBI firmware that must stay resident (the kernel
# calls it for its timer, IPIs, console and reset), so the boot check cannot start CPU 0 at the
# kernel entry: QEMU's virt machine resets hart 0 in M-mode, and its default firmware is
# OpenSBI's fw_dynamic at FW_BASE. QEMU's own reset vector would enter OpenSBI with a
# struct fw_dynamic_info naming no next stage when there is no -kernel; this trampoline enters
# it the same way (OpenSBI's fw_dynamic boot convention) with its own:
#
#   a0 = this hart's id                   from mhartid
#   a1 = the device tree's address        from entry_a1, the DTB the emulated CPU held
#   a2 = fw_dynamic_info below            version 2: next_addr = entry_pc, next_mode = S,
#                                         boot_hart = entry_a0, the emulated hart id
#
# OpenSBI then sets up its domain, adds its reserved memory to the tree and enters next_addr
# in S-mode with the MMU off, a0 = the boot hart's id and a1 = the tree: the registers the
# emulated CPU held at the kernel entry (Documentation/arch/riscv/boot.rst).
#
# Position-independent; data slots, one doubleword each, patched by Java (EntryTrampoline).

	.text
	.globl	entry_start
entry_start:
	csrr	a0, mhartid
	lla	t0, entry_a1
	ld	a1, 0(t0)
	lla	a2, fw_dynamic_info
	lla	t0, fw_base
	ld	t0, 0(t0)
	jr	t0

	.balign	8
fw_base:
	.quad	FW_BASE
entry_a1:
	.quad	0
fw_dynamic_info:
	.quad	0x4942534f		# magic: "OSBI"
	.quad	2			# version: 2 has boot_hart
entry_pc:
	.quad	0			# next_addr: the kernel entry
	.quad	1			# next_mode: S-mode
	.quad	0			# options: OpenSBI prints its banner
entry_a0:
	.quad	0			# boot_hart: the hart the kernel is entered on
