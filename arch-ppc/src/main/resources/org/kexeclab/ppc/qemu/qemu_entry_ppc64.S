# qemu_entry_ppc64.S - kexec-lab's boot-check entry trampoline for 64-bit PowerPC.
#
# QEMU's pseries machine resets CPU 0 big-endian, in 32-bit mode and real mode, at 0x100 of
# its firmware image; the boot check's firmware page branches here (qemu_reset_ppc64.S).
# Assembled big-endian whatever the kernel's byte order: this is the CPU's state at reset.
# It puts in place the registers the emulated CPU held at the kernel entry, as kexec leaves
# them (Documentation/arch/powerpc/booting.rst), and enters the kernel with rfid so the MSR
# (64-bit mode, byte order, real mode) is the emulated one too:
#
#   r3   = the flattened device tree        from entry_r3
#   r4   = the kernel's physical base       from entry_r4
#   r5   = 0 (no Open Firmware interface)   from entry_r5
#   MSR  = entry_msr, through SRR1
#   pc   = entry_pc, through SRR0
#
# Position-independent: it finds its slots with bl/mflr. Data slots, one doubleword each,
# big-endian, patched by Java (org.kexeclab.bootcheck.EntryTrampoline).

	.text
	.globl entry_start
entry_start:
	bl	entry_here
entry_here:
	mflr	r12
	ld	r3, entry_r3 - entry_here(r12)
	ld	r4, entry_r4 - entry_here(r12)
	ld	r5, entry_r5 - entry_here(r12)
	ld	r11, entry_msr - entry_here(r12)
	mtspr	27, r11
	ld	r11, entry_pc - entry_here(r12)
	mtspr	26, r11
	rfid

	.balign 8
entry_pc:
	.quad	0
entry_r3:
	.quad	0
entry_r4:
	.quad	0
entry_r5:
	.quad	0
entry_msr:
	.quad	0
