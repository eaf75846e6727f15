// relocate_kernel_arm64.S - kexec-lab's arm64 relocation stub (A64, GNU syntax).
//
// Register contract
//   in:  x0  = physical address of the arch data block (Arm64KexecData); DAIF masked,
//              running at EL1 from the control page.
//   out: x0  = dtb, x1 = x2 = x3 = 0, SCTLR_EL1.M/C/I clear (MMU and caches off),
//        pc  = start (reached by `br`).
//
// Data slots: none inside the stub. Everything comes from the arch data block, whose field
// offsets are defined once in Arm64KexecData.java and predefined for this file as symbols
// (the role asm-offsets plays for the kernel):
//   KDATA_START        +0   entry point of the new kernel
//   KDATA_DTB          +8   device tree address handed over in x0
//   KDATA_HEAD         +16  first indirection entry (the list's head)
//   KDATA_PHYS_OFFSET  +24  subtracted from each list address to reach it (0: MMU off)
// Also predefined: IND_DESTINATION_BIT, IND_INDIRECTION_BIT, IND_DONE_BIT, IND_SOURCE_BIT,
// PAGE_SIZE.
//
// Working registers during the walk
//   x12 address carried by the current entry (flags cleared)   x13 destination cursor
//   x14 pointer to the next entry                              x15 data cache line size
//   x16 current entry                                          x19 start of page to clean
//   x22 phys offset                                            x1..x9 copy scratch
//
// The list must begin with an INDIRECTION entry (the kernel's always does): the entry
// pointer x14 only becomes valid once one has been seen.
//
// A head that is already IND_DONE (a crash image, loaded in place) has nothing to
// relocate. Linux decides that in machine_kexec() (C), before it ever calls the stub, and
// soft-restarts straight into the entry. Here the decision is the stub's first test
// (`tbnz x16, #IND_DONE_BIT, relocated` below), so both image types share one exit path.

	.equ	SCTLR_M, 1 << 0		// MMU enable
	.equ	SCTLR_C, 1 << 2		// data cache enable
	.equ	SCTLR_I, 1 << 12	// instruction cache enable

	.text
	.globl	arm64_relocate_new_kernel
arm64_relocate_new_kernel:
	ldr	x16, [x0, #KDATA_HEAD]
	ldr	x22, [x0, #KDATA_PHYS_OFFSET]
	// CTR_EL0.DminLine (bits 19:16) is log2 of the smallest D-cache line in 4-byte words.
	mrs	x15, ctr_el0
	lsr	x15, x15, #16
	and	x15, x15, #0xf
	mov	x1, #4
	lsl	x15, x1, x15
	mov	x13, xzr
	mov	x14, xzr
	tbnz	x16, #IND_DONE_BIT, relocated

walk:
	// The kernel tests SOURCE, then INDIRECTION, then DESTINATION.
	and	x12, x16, #~(PAGE_SIZE - 1)
	sub	x12, x12, x22
	tbz	x16, #IND_SOURCE_BIT, not_source

	// SOURCE: copy one page to the destination cursor, 64 bytes a round. kexec_copy_page
	// runs once per SOURCE entry (kexec-lab counts copied pages there).
	.globl	kexec_copy_page
kexec_copy_page:
	mov	x19, x13
copy_round:
	ldp	x2, x3, [x12], #16
	ldp	x4, x5, [x12], #16
	ldp	x6, x7, [x12], #16
	ldp	x8, x9, [x12], #16
	stp	x2, x3, [x13], #16
	stp	x4, x5, [x13], #16
	stp	x6, x7, [x13], #16
	stp	x8, x9, [x13], #16
	tst	x12, #(PAGE_SIZE - 1)
	b.ne	copy_round
	// Clean and invalidate the page just written, one D-cache line at a time.
	add	x1, x19, #PAGE_SIZE
clean_line:
	dc	civac, x19
	add	x19, x19, x15
	cmp	x19, x1
	b.lo	clean_line
	dsb	sy
	b	next_entry

not_source:
	tbz	x16, #IND_INDIRECTION_BIT, not_indirection
	mov	x14, x12		// INDIRECTION: continue reading entries from that page
	b	next_entry

not_indirection:
	tbz	x16, #IND_DESTINATION_BIT, next_entry
	mov	x13, x12		// DESTINATION: the copy cursor moves there

next_entry:
	ldr	x16, [x14], #8
	tbz	x16, #IND_DONE_BIT, walk

relocated:
	// Make the copied code visible to instruction fetch.
	dsb	nsh
	ic	iallu
	dsb	nsh
	isb
	// MMU and caches off.
	mrs	x5, sctlr_el1
	and	x5, x5, #~SCTLR_M
	and	x5, x5, #~SCTLR_C
	and	x5, x5, #~SCTLR_I
	msr	sctlr_el1, x5
	isb
	// Boot protocol: x0 = dtb, x1 = x2 = x3 = 0, branch to the entry.
	ldr	x4, [x0, #KDATA_START]
	ldr	x0, [x0, #KDATA_DTB]
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	br	x4
	.globl	arm64_relocate_new_kernel_end
arm64_relocate_new_kernel_end:
