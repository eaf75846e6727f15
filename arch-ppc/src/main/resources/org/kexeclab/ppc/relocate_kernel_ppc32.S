# relocate_kernel_ppc32.S - kexec-lab's 32-bit PowerPC relocation stub.
#
# Register contract (relocate_new_kernel, called by machine_kexec on ppc32):
#   in:   r3 = head: the image's first indirection entry (an indirection page
#              | IND_INDIRECTION, or IND_DONE when there is nothing to copy)
#         r4 = physical address of the control page; this stub has been copied
#              to offset 0 of it
#         r5 = start: physical entry point of the new kernel
#         The stub may be entered translated (MMU on) at any address where the
#         control-page copy is mapped; it switches to real mode itself.
#   out:  at start, reached with `blrl`:
#         r3 = processor id (SPR PIR), r4 = start, r5 = start,
#         LR = address of the instruction after the `blrl` (the new kernel ignores it),
#         r1 = control page + 0xff8 (a stack slot at the top of the control page),
#         r6 = XOR of every 32-bit word copied (a checksum a verifier can recompute),
#         MSR = 0x1002 (ME | RI; translation and external interrupts off).
#   data slots: none. Every input arrives in a register, so the control page holds
#         code only, with the top 8 bytes left for the stack slot at +0xff8.
#
# Working registers: r0 = current entry, r3 = pointer to the current entry,
#   r7 = destination page, r8/r9 = copy pointers, r10 = scratch, CTR = loop counts.
#
# Cache maintenance: each copied page is written back and dropped from the
# instruction cache right after it is copied, one cache block at a time, as two
# loops: dcbst over the page, one sync, icbi over the page, one sync. The block
# step is 16 bytes, the smallest L1 line of any 32-bit PowerPC core (MPC8xx);
# on 32- or 64-byte-line cores some dcbst/icbi repeat a block, which is harmless,
# while a step larger than the real line would leave stale lines behind. Two
# loops with one sync between them order all write-backs before any
# invalidation, which the architecture requires, at the cost of one sync per
# page instead of one per block. The final isync at the entry discards any
# instruction prefetched before the copy.
#
# Emulation note: Unicorn 2.0.1's PPC32 model executes rfi (MSR <- SRR1,
# PC <- SRR0), mfspr PIR (reads 0 on the single emulated CPU), dcbst, icbi,
# sync and isync, so nothing here needs a stand-in.

	.equ IND_DESTINATION, 0x1
	.equ IND_INDIRECTION, 0x2
	.equ IND_DONE, 0x4
	.equ IND_SOURCE, 0x8
	.equ PAGE_SIZE, 4096
	.equ PAGE_WORDS, PAGE_SIZE / 4
	.equ CACHE_BLOCK, 16
	.equ BLOCKS_PER_PAGE, PAGE_SIZE / CACHE_BLOCK
	.equ MSR_REAL_MODE, 0x1002       # MSR_ME | MSR_RI
	.equ STACK_OFFSET, 0xff8

	.text
	.globl relocate_new_kernel
relocate_new_kernel:
	# Leave translated mode: rfi loads MSR from SRR1 and PC from SRR0 in one
	# step, so the next fetch is untranslated, from the control-page copy.
	li	r10, MSR_REAL_MODE
	mtspr	SRR1, r10
	addi	r10, r4, real_mode - relocate_new_kernel
	mtspr	SRR0, r10
	rfi

real_mode:
	addi	r1, r4, STACK_OFFSET
	li	r6, 0                    # checksum of the copied words
	li	r7, 0                    # destination: set by the first IND_DESTINATION
	mr	r0, r3                   # the first entry is head itself; r3 becomes the
	                                 # entry pointer once head's indirection page is read

next_flag:
	rlwinm.	r10, r0, 0, 31, 31       # IND_DESTINATION?
	bne	set_destination
	rlwinm.	r10, r0, 0, 30, 30       # IND_INDIRECTION?
	bne	follow_indirection
	rlwinm.	r10, r0, 0, 29, 29       # IND_DONE?
	bne	done
	rlwinm.	r10, r0, 0, 28, 28       # IND_SOURCE?
	bne	copy_source
	b	next_entry               # no flag: nothing to do

set_destination:
	rlwinm	r7, r0, 0, 0, 19         # entry & 0xfffff000
	b	next_entry

follow_indirection:
	rlwinm	r3, r0, 0, 0, 19         # the next entries live in this page;
	addi	r3, r3, -4               # lwzu pre-increments, so point one word before
	b	next_entry

	# kexec_copy_page: runs once per IND_SOURCE entry (a page counter hooks it).
	.globl kexec_copy_page
copy_source:
kexec_copy_page:
	rlwinm	r8, r0, 0, 0, 19         # source page
	addi	r8, r8, -4
	addi	r9, r7, -4
	li	r10, PAGE_WORDS
	mtctr	r10
copy_word:
	lwzu	r10, 4(r8)
	stwu	r10, 4(r9)
	xor	r6, r6, r10
	bdnz	copy_word

	mr	r9, r7                   # write the new page back to memory...
	li	r10, BLOCKS_PER_PAGE
	mtctr	r10
write_back:
	dcbst	0, r9
	addi	r9, r9, CACHE_BLOCK
	bdnz	write_back
	sync
	mr	r9, r7                   # ...then drop it from the instruction cache
	li	r10, BLOCKS_PER_PAGE
	mtctr	r10
invalidate:
	icbi	0, r9
	addi	r9, r9, CACHE_BLOCK
	bdnz	invalidate
	sync
	addi	r7, r7, PAGE_SIZE        # the next source page goes to the next page

next_entry:
	lwzu	r0, 4(r3)
	b	next_flag

done:
	isync
	sync
	mfspr	r3, PIR                  # processor id for the new kernel
	mr	r4, r5                   # start
	mtlr	r5
	blrl
hang:
	b	hang                     # the new kernel never returns
