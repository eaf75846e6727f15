# qemu_entry_x86_64.S - kexec-lab's boot-check firmware image for x86_64 on QEMU's pc machine.
#
# QEMU maps a 64 KiB -bios image at BIOS_BASE (4 GiB - 64 KiB; predefined by Java) and resets
# the CPU in real mode at its last 16 bytes (0xfffffff0), with CS's base at BIOS_BASE. There is
# no firmware besides this: the code goes from real mode to 32-bit protected mode and on to
# 64-bit long mode with an identity map of the first MAPPED_GIB GiB (predefined by Java: all of
# RAM and at least the 4 GiB this image lies in; 2 MiB pages, built in RAM at PAGE_TABLES, which
# the boot check keeps clear of every destination), then enters the kernel
# as the 64-bit boot protocol asks (Documentation/arch/x86/boot.rst, "64-bit Boot Protocol"),
# with the registers the emulated CPU held at the kernel entry:
#
#   CS = 0x10 (__BOOT_CS, flat 64-bit code), DS = ES = SS = FS = GS = 0x18 (__BOOT_DS, flat data)
#   interrupts off, direction flag clear
#   rsi = boot_params (the zero page)     from entry_rsi
#   rip = the kernel entry                from entry_pc
#   every other general register 0
#
# Data slots, one quadword each, little-endian, patched by Java
# (org.kexeclab.bootcheck.EntryTrampoline). Assembled at offset 0 of the image.

	.intel_syntax noprefix
	.equ	PAGE_TABLES, 0x1000		# PML4, PDPT, then MAPPED_GIB page directories
	.equ	CODE32, 0x08
	.equ	CODE64, 0x10
	.equ	DATA, 0x18
	.equ	EFER, 0xc0000080

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
	mov	edi, PAGE_TABLES		# zeroed: PML4, PDPT and the page directories
	xor	eax, eax
	mov	ecx, (2 + MAPPED_GIB) * 4096 / 4
	rep stosd
	mov	dword ptr [PAGE_TABLES], PAGE_TABLES + 0x1000 + 3	# PML4[0] -> PDPT
	mov	edi, PAGE_TABLES + 0x1000	# PDPT[i] -> page directory i, one a GiB
	mov	eax, PAGE_TABLES + 0x2000 + 3
	mov	ecx, MAPPED_GIB
1:	mov	dword ptr [edi], eax
	add	eax, 0x1000
	add	edi, 8
	dec	ecx
	jnz	1b
	mov	edi, PAGE_TABLES + 0x2000	# 512 entries a GiB of 2 MiB pages: present, writable, large
	mov	eax, 0x83			# address bits 0-31 and flags
	xor	edx, edx			# address bits 32 and up
	mov	ecx, 512 * MAPPED_GIB
2:	mov	dword ptr [edi], eax
	mov	dword ptr [edi + 4], edx
	add	eax, 0x200000
	adc	edx, 0
	add	edi, 8
	dec	ecx
	jnz	2b
	mov	eax, cr4
	or	eax, 0x20			# PAE
	mov	cr4, eax
	mov	eax, PAGE_TABLES
	mov	cr3, eax
	mov	ecx, EFER
	rdmsr
	or	eax, 0x100			# LME
	wrmsr
	mov	eax, cr0
	or	eax, 0x80000000			# PG: long mode, 32-bit compatibility code for now
	mov	cr0, eax
	jmp	CODE64:BIOS_BASE + long_mode - entry_start

	.code64
long_mode:
	mov	rsi, qword ptr [rip + entry_rsi]
	mov	rax, qword ptr [rip + entry_pc]
	xor	ebx, ebx
	xor	ecx, ecx
	xor	edx, edx
	xor	edi, edi
	xor	ebp, ebp
	xor	esp, esp
	xor	r8d, r8d
	xor	r9d, r9d
	xor	r10d, r10d
	xor	r11d, r11d
	xor	r12d, r12d
	xor	r13d, r13d
	xor	r14d, r14d
	xor	r15d, r15d
	jmp	rax

	.balign	8, 0
gdt:
	.quad	0
	.quad	0x00cf9a000000ffff		# 0x08: flat 32-bit code
	.quad	0x00af9a000000ffff		# 0x10: 64-bit code
	.quad	0x00cf92000000ffff		# 0x18: flat data
gdt_end:
gdt_ptr:
	.word	gdt_end - gdt - 1
	.long	BIOS_BASE + gdt - entry_start

	.balign	8, 0
entry_pc:
	.quad	0
entry_rsi:
	.quad	0

	.org	0xfff0				# the reset vector, CS:IP = f000:fff0
	.code16
	jmp	entry_start			# wraps within the segment to offset 0
	.org	0x10000, 0
