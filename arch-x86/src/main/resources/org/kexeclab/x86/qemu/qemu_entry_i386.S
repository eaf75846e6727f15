# qemu_entry_i386.S - kexec-lab's boot-check firmware image for i386 on QEMU's pc machine.
#
# QEMU maps a 64 KiB -bios image at BIOS_BASE (4 GiB - 64 KiB; predefined by Java) and resets
# the CPU in real mode at its last 16 bytes (0xfffffff0), with CS's base at BIOS_BASE. There is
# no firmware besides this: the code goes from real mode to flat 32-bit protected mode, paging
# off, and enters the kernel as the 32-bit boot protocol asks (Documentation/arch/x86/boot.rst,
# "32-bit Boot Protocol"), with the registers the emulated CPU held at the kernel entry:
#
#   CS = 0x10 (__BOOT_CS, flat 32-bit code), DS = ES = SS = FS = GS = 0x18 (__BOOT_DS, flat data)
#   interrupts off, direction flag clear
#   esi = boot_params (the zero page)     from entry_esi
#   eip = the kernel entry                from entry_pc
#   ebp = edi = ebx = 0, and every other general register 0
#
# Data slots, one doubleword each, little-endian, patched by Java
# (org.kexeclab.bootcheck.EntryTrampoline). Assembled at offset 0 of the image.

	.intel_syntax noprefix
	.equ	CODE32, 0x10
	.equ	DATA, 0x18

	.code16
	.globl	entry_start
entry_start:
	cli
	cld
	lgdt	fword ptr [cs:gdt_ptr - entry_start]
	mov	eax, cr0
	or	eax, 1				# PE
	mov	cr0, eax
	ljmpd	CODE32:BIOS_BASE + protected_mode - entry_start

	.code32
protected_mode:
	mov	eax, DATA
	mov	ds, eax
	mov	es, eax
	mov	ss, eax
	mov	fs, eax
	mov	gs, eax
	mov	esi, dword ptr [BIOS_BASE + entry_esi - entry_start]
	mov	eax, dword ptr [BIOS_BASE + entry_pc - entry_start]
	xor	ebx, ebx
	xor	ecx, ecx
	xor	edx, edx
	xor	edi, edi
	xor	ebp, ebp
	xor	esp, esp
	jmp	eax

	.balign	8, 0
gdt:
	.quad	0
	.quad	0
	.quad	0x00cf9a000000ffff		# 0x10: flat 32-bit code
	.quad	0x00cf92000000ffff		# 0x18: flat data
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	BIOS_BASE + gdt - entry_start

	.balign	4, 0
entry_pc:
	.long	0
entry_esi:
	.long	0

	.org	0xfff0				# the reset vector, CS:IP = f000:fff0
	.code16
	jmp	entry_start			# wraps within the segment to offset 0
	.org	0x10000, 0
