# relocate_kernel_riscv64.S - kexec-lab's riscv64 relocation stub (RV64I + Zicsr + Zifencei,
# GNU as syntax, no compressed instructions).
#
# Register contract (the kernel's riscv_kexec_relocate, called by machine_kexec):
#   in:  a0 = address of the word that holds the list's first entry (&image->head)
#        a1 = physical address to jump to (image->start)
#        a2 = physical address of the device tree
#        a3 = hart id of the hart that runs kexec
#        a4 = the linear map's va - pa offset (0 while the MMU is off)
#        running in S-mode from the control page, interrupts masked (sstatus.SIE clear).
#   out: a0 = hart id, a1 = device tree, a2..a7 = 0, sie = sip = 0, satp = 0 (MMU off),
#        instruction fetch synchronised with the copied pages (fence.i),
#        pc = a1's entry point (reached by `jr s1`, or by the trap the satp write raises while
#        the MMU is on: stvec holds the entry then).
#
# Predefined: IND_DESTINATION, IND_INDIRECTION, IND_DONE, IND_SOURCE (the list's flag bits)
# and PAGE_SHIFT.
#
# Turning the MMU off: while satp translates, the stub runs at the control page's virtual
# address. Writing satp = 0 makes the next fetch use that address as a physical one, which is
# wrong, so before each such write stvec holds the physical address to continue at: if the
# fetch faults the trap lands there, and if it does not (the MMU was already off) the next
# instruction jumps there. The first entry is read through a0 while translation may still be
# on; an INDIRECTION entry's page is a physical address, so the MMU goes off there.
#
# Working registers
#   s0 pointer to the next entry     s1 entry point      s2 device tree     s3 hart id
#   s4 va - pa offset                s5 destination cursor                 s6 physical `walk`
#   t0 current entry / source        t1 flag test / copied word            t2 end of source page

	.text
	.globl	riscv64_relocate_new_kernel
riscv64_relocate_new_kernel:
	mv	s0, a0
	mv	s1, a1
	mv	s2, a2
	mv	s3, a3
	mv	s4, a4
	li	s5, 0
	# No interrupt may reach the old kernel's vectors from here on.
	csrw	sie, zero
	csrw	sip, zero
	# The physical address of `walk`: where execution continues once the MMU is off. `walk` is
	# the fourth instruction after the auipc (auipc and addi written out, not `lla`, so that
	# each source line is one instruction to count).
	auipc	s6, 0
	addi	s6, s6, 16
	sub	s6, s6, s4
	csrw	stvec, s6

walk:
	ld	t0, 0(s0)
	addi	s0, s0, 8
	# The kernel tests DESTINATION, then INDIRECTION, then DONE, then SOURCE.
	andi	t1, t0, IND_DESTINATION
	bnez	t1, destination
	andi	t1, t0, IND_INDIRECTION
	bnez	t1, indirection
	andi	t1, t0, IND_DONE
	bnez	t1, done
	andi	t1, t0, IND_SOURCE
	beqz	t1, walk		# an entry with no flag is skipped

	# SOURCE: copy one page to the destination cursor, a doubleword at a time.
	# kexec_copy_page runs once per SOURCE entry (kexec-lab counts copied pages there).
	.globl	kexec_copy_page
kexec_copy_page:
	srli	t0, t0, PAGE_SHIFT
	slli	t0, t0, PAGE_SHIFT
	li	t2, 1 << PAGE_SHIFT
	add	t2, t2, t0
copy_word:
	ld	t1, 0(t0)
	sd	t1, 0(s5)
	addi	t0, t0, 8
	addi	s5, s5, 8
	bne	t0, t2, copy_word
	j	walk

destination:
	srli	s5, t0, PAGE_SHIFT
	slli	s5, s5, PAGE_SHIFT
	j	walk

indirection:
	srli	s0, t0, PAGE_SHIFT
	slli	s0, s0, PAGE_SHIFT
	# The page is physical: MMU off, continuing at the physical `walk` either way.
	csrw	satp, zero
	jr	s6

done:
	# Make the copied code visible to instruction fetch.
	fence.i
	# Boot protocol: a0 = hart id, a1 = device tree; nothing of the old kernel in a2..a7.
	mv	a0, s3
	mv	a1, s2
	li	a2, 0
	li	a3, 0
	li	a4, 0
	li	a5, 0
	li	a6, 0
	li	a7, 0
	# A list that was DONE from its head (an image loaded in place) never turned the MMU off:
	# with stvec = the entry, the satp write reaches it by a trap if translation was on.
	csrw	stvec, s1
	csrw	satp, zero
	jr	s1
	.globl	riscv64_relocate_new_kernel_end
riscv64_relocate_new_kernel_end:
