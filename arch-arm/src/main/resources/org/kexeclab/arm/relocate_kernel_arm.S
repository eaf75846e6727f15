@ relocate_kernel_arm.S - kexec-lab's 32-bit ARM relocation stub (A32, GNU divided syntax).
@
@ Register contract
@   in:  nothing. The stub runs from the control page with the MMU off; everything it needs
@        is in the 16-byte data block that follows the code (patched by MachineKexec).
@   out: r0 = 0, r1 = machine type, r2 = ATAGS or DTB address, pc = start reached with
@        `bx`, so an odd start enters Thumb state.
@
@ Data slots (the block right after the code, in this order):
@   kexec_start_address     +0   entry point of the new kernel
@   kexec_indirection_page  +4   head & PAGE_MASK: the page the walk reads its first word
@                                from; 0 for a crash image (nothing to relocate)
@   kexec_mach_type         +8   machine type for r1
@   kexec_r2                +12  ATAGS/DTB address for r2
@
@ Working registers
@   r0 pointer to the next entry    r3 current entry / source cursor
@   r4 destination cursor           r5 copied word      r6 words left in the page
@
@ Copy loop: one word per ldr/str pair with post-increment, 1024 rounds a page, as the
@ kernel's stub does. An ldm/stm of eight registers would issue fewer instructions, but the
@ word loop keeps the instruction stream (and so traces and counts) the kernel's.

	.equ	IND_DESTINATION, 0x1
	.equ	IND_INDIRECTION, 0x2
	.equ	IND_DONE, 0x4
	.equ	IND_SOURCE, 0x8

	.text
	.arm
	.globl	arm_relocate_new_kernel
arm_relocate_new_kernel:
	ldr	r0, kexec_indirection_page
	cmp	r0, #0
	beq	start_kernel		@ crash image: loaded in place, nothing to walk

next_entry:
	ldr	r3, [r0], #4
	@ The kernel tests DESTINATION, INDIRECTION, DONE, then SOURCE.
	tst	r3, #IND_DESTINATION
	beq	not_destination
	bic	r4, r3, #0xff		@ destination cursor = entry & PAGE_MASK
	bic	r4, r4, #0xf00
	b	next_entry

not_destination:
	tst	r3, #IND_INDIRECTION
	beq	not_indirection
	bic	r0, r3, #0xff		@ continue reading entries from that page
	bic	r0, r0, #0xf00
	b	next_entry

not_indirection:
	tst	r3, #IND_DONE
	bne	start_kernel
	tst	r3, #IND_SOURCE
	beq	next_entry		@ an entry with no flag is skipped
	@ SOURCE: kexec_copy_page runs once per SOURCE entry (kexec-lab counts copied pages there).
	.globl	kexec_copy_page
kexec_copy_page:
	bic	r3, r3, #0xff		@ source page = entry & PAGE_MASK
	bic	r3, r3, #0xf00
	mov	r6, #1024
copy_word:
	ldr	r5, [r3], #4
	str	r5, [r4], #4
	subs	r6, r6, #1
	bne	copy_word
	b	next_entry

start_kernel:
	ldr	r3, kexec_start_address
	mov	r0, #0
	ldr	r1, kexec_mach_type
	ldr	r2, kexec_r2
	bx	r3

	.align	2
	.globl	kexec_start_address
kexec_start_address:
	.long	0
	.globl	kexec_indirection_page
kexec_indirection_page:
	.long	0
	.globl	kexec_mach_type
kexec_mach_type:
	.long	0
	.globl	kexec_r2
kexec_r2:
	.long	0
	.globl	arm_relocate_new_kernel_end
arm_relocate_new_kernel_end:
