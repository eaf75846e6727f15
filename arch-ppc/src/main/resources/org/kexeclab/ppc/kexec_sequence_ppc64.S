# kexec_sequence_ppc64.S - kexec-lab's 64-bit PowerPC kexec sequence.
# One source for big-endian (ppc64) and little-endian (ppc64le): only the byte
# order the assembler writes changes.
#
# Register contract (modelled on kexec_sequence in the kernel's misc_64.S):
#   in:   r3 = head: the image's first indirection entry, physical addresses
#         r4 = start: physical entry point of the new kernel
#         r5 = physical id of this CPU
#         MSR: 64-bit (SF set). Translation may be on, with this stub mapped at
#         its kernel address (0xc000_0000_0000_0000 + physical); it is position
#         independent and finds its own physical address by dropping the top
#         two bits of where it runs. It must sit outside every destination
#         range and outside physical 0..0x100, which it overwrites.
#   out:  at start, reached with `blr`:
#         r3 = physical CPU id, r4 = start, r5 = 0, LR = start,
#         MSR = the entry MSR with EE, IR and DR cleared (SF, ME, RI, LE kept).
#         kexec_flag = 1: the secondary CPUs, spinning in real mode on it, are
#         released to the new kernel's secondary entry.
#
# Sequence: (1) external interrupts off (mtmsrd L=1 on EE); (2) real mode via
# rfid with IR and DR cleared, continuing at the physical address of
# real_mode; (3) copy_segments: walk the list from head, switching on the exact
# flag value of each entry as the kernel does (IND_DESTINATION sets the
# destination, IND_SOURCE copies one page and advances it, any other value
# copies nothing; IND_INDIRECTION moves the walk to its page, IND_DONE or a zero
# entry ends it; a page is kexec_page_size bytes, the kernel's PAGE_SIZE);
# (4) instruction-cache flush (dcbst, sync, icbi, sync, isync) over every
# segment listed in the kexec_segments table; (5) copy the first
# 0x100 bytes of the new image to physical 0 and flush them; (6) kexec_flag = 1;
# (7) jump.
#
# Data slots (the data area follows the code, 8-byte aligned; offsets from
# kexec_data). Java patches them in the stub's byte order before the run:
#   +0x00 kexec_flag         4 bytes  0; the stub stores 1 to release secondaries
#   +0x04 (padding)          4 bytes  keeps the doubleword slots aligned
#   +0x08 kexec_cache_line   8 bytes  cache-block size for dcbst/icbi; 128 (POWER)
#                                     by default; must be a power of two, not 0
#   +0x10 kexec_page_size    8 bytes  the page size of the list (4096 by default;
#                                     64 KiB for a kernel built with 64 KiB pages):
#                                     a power of two, a multiple of 8
#   +0x18 kexec_nr_segments  8 bytes  number of segments, 0..16
#   +0x20 kexec_segments     16 x {8 bytes mem, 8 bytes memsz}: the physical
#                                     destination ranges (page aligned) to flush;
#                                     entry N is labelled kexec_segment_N (mem) and
#                                     kexec_segment_N_size (memsz) so Java can patch it
# Why a table rather than a second walk of the list: the kernel flushes
# image->segment[i] ranges, and a segment's pages are easy to list in Java but
# would need a second pass over every entry here.
#
# Working registers: r6 = current entry, r7 = entry pointer, r8 = destination,
# r9-r11, r0 = scratch, r12 = data area (physical), r14 = cache block size,
# r15/r16 = segment count and pointer, r17 = page mask (-page size), r18 = page
# size, r20/r21 = flush range, r22 = flush cursor.
# r1, r2 and r13 are not touched.

	.equ IND_DESTINATION, 0x1
	.equ IND_INDIRECTION, 0x2
	.equ IND_DONE, 0x4
	.equ IND_SOURCE, 0x8
	.equ LOW_VECTORS, 0x100
	.equ KEXEC_SEGMENT_MAX, 16

	.text
	.globl kexec_sequence
kexec_sequence:
	# (1) No external interrupts from here on.
	mfmsr	r10
	rldicl	r10, r10, 48, 1          # rotate EE (0x8000) to the top bit and clear it
	rldicl	r10, r10, 16, 0          # rotate back
	mtmsrd	r10, 1                   # L=1 changes EE and RI only

	# (2) Real mode: rfid with SRR1 = MSR without IR/DR, SRR0 = real_mode (physical).
	bl	here
here:
	mflr	r11
	addi	r11, r11, real_mode - here
	clrldi	r11, r11, 2              # kernel address -> physical
	mtspr	SRR0, r11
	rldicl	r10, r10, 58, 2          # IR (0x20) and DR (0x10) to the top two bits, cleared
	rldicl	r10, r10, 6, 0           # rotate back
	mtspr	SRR1, r10
	rfid

real_mode:
	bl	data_base
data_base:
	mflr	r12
	addi	r12, r12, kexec_data - data_base
	ld	r18, kexec_page_size - kexec_data(r12)
	li	r0, 0
	subf	r17, r18, r0             # page mask: -page size

	# (3) copy_segments
	mr	r6, r3                   # the first entry is head itself
	li	r7, 0                    # entry pointer: set by head's indirection
	li	r8, 0                    # destination
next_entry:
	cmpdi	r6, 0
	beq	segments_copied          # a zero entry ends the list
	andi.	r10, r6, IND_DONE
	bne	segments_copied
	and	r9, r6, r17              # address = entry & PAGE_MASK
	clrldi	r10, r6, 60              # flags = entry & 0xf, compared exactly
	cmpdi	r10, IND_DESTINATION
	beq	set_destination
	cmpdi	r10, IND_SOURCE
	beq	copy_page
	b	advance

set_destination:
	mr	r8, r9
	b	advance

	# kexec_copy_page: runs once per IND_SOURCE entry (a page counter hooks it).
	.globl kexec_copy_page
copy_page:
kexec_copy_page:
	addi	r10, r9, -8              # source, one doubleword before (ldu pre-increments)
	addi	r11, r8, -8              # destination
	srdi	r0, r18, 3               # doublewords per page
	mtctr	r0
copy_doubleword:
	ldu	r0, 8(r10)
	stdu	r0, 8(r11)
	bdnz	copy_doubleword
	add	r8, r8, r18

advance:
	andi.	r10, r6, IND_INDIRECTION
	beq	load_entry
	addi	r7, r9, -8               # continue in the indirection page
load_entry:
	ldu	r6, 8(r7)
	b	next_entry

segments_copied:
	# (4) Flush every segment from the data cache and the instruction cache.
	ld	r14, kexec_cache_line - kexec_data(r12)
	ld	r15, kexec_nr_segments - kexec_data(r12)
	addi	r16, r12, kexec_segments - kexec_data
flush_segment:
	cmpdi	r15, 0
	beq	segments_flushed
	ld	r20, 0(r16)              # mem
	ld	r21, 8(r16)              # memsz
	add	r21, r20, r21            # end
	bl	flush_range
	addi	r16, r16, 16
	addi	r15, r15, -1
	b	flush_segment

segments_flushed:
	# (5) The first 0x100 bytes of the new image go to physical 0.
	addi	r10, r4, -8
	li	r11, -8
	li	r0, LOW_VECTORS / 8
	mtctr	r0
copy_low_vectors:
	ldu	r0, 8(r10)
	stdu	r0, 8(r11)
	bdnz	copy_low_vectors
	li	r20, 0
	li	r21, LOW_VECTORS
	bl	flush_range

	# (6) Release the secondary CPUs.
	li	r10, 1
	stw	r10, kexec_flag - kexec_data(r12)
	sync

	# (7) Enter the new kernel: start(physical cpu id, start, 0).
	mr	r3, r5
	li	r5, 0
	mtlr	r4
	blr

# flush_range: r20 = start (cache-block aligned), r21 = end (exclusive),
# r14 = block size. Writes the range back, then invalidates it in the
# instruction cache. Clobbers r22 and cr0.
flush_range:
	mr	r22, r20
write_back:
	cmpld	r22, r21
	bge	written_back
	dcbst	0, r22
	add	r22, r22, r14
	b	write_back
written_back:
	sync
	mr	r22, r20
invalidate:
	cmpld	r22, r21
	bge	invalidated
	icbi	0, r22
	add	r22, r22, r14
	b	invalidate
invalidated:
	sync
	isync
	blr

	.balign 8, 0                     # data alignment: zeros (GNU as would pad code with nops)
kexec_data:
kexec_flag:
	.long	0
	.long	0                        # padding
kexec_cache_line:
	.quad	128
kexec_page_size:
	.quad	4096
kexec_nr_segments:
	.quad	0
kexec_segments:                          # entry N: kexec_segment_N = mem, kexec_segment_N_size = memsz
kexec_segment_0:
	.quad	0
kexec_segment_0_size:
	.quad	0
kexec_segment_1:
	.quad	0
kexec_segment_1_size:
	.quad	0
kexec_segment_2:
	.quad	0
kexec_segment_2_size:
	.quad	0
kexec_segment_3:
	.quad	0
kexec_segment_3_size:
	.quad	0
kexec_segment_4:
	.quad	0
kexec_segment_4_size:
	.quad	0
kexec_segment_5:
	.quad	0
kexec_segment_5_size:
	.quad	0
kexec_segment_6:
	.quad	0
kexec_segment_6_size:
	.quad	0
kexec_segment_7:
	.quad	0
kexec_segment_7_size:
	.quad	0
kexec_segment_8:
	.quad	0
kexec_segment_8_size:
	.quad	0
kexec_segment_9:
	.quad	0
kexec_segment_9_size:
	.quad	0
kexec_segment_10:
	.quad	0
kexec_segment_10_size:
	.quad	0
kexec_segment_11:
	.quad	0
kexec_segment_11_size:
	.quad	0
kexec_segment_12:
	.quad	0
kexec_segment_12_size:
	.quad	0
kexec_segment_13:
	.quad	0
kexec_segment_13_size:
	.quad	0
kexec_segment_14:
	.quad	0
kexec_segment_14_size:
	.quad	0
kexec_segment_15:
	.quad	0
kexec_segment_15_size:
	.quad	0
kexec_data_end:
