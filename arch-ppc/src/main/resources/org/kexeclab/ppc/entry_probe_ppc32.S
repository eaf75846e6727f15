# entry_probe_ppc32.S - kexec-lab's entry probe for 32-bit PowerPC (big-endian).
#
# Assembled to run at the new kernel's entry point: it is the first bytes of the
# image's kernel segment, so the relocation stub itself copies it into place.
# It checks what relocate_new_kernel promises the new kernel and writes a record.
#
# Predefined symbol: PROBE_RECORD = physical address of the record.
#
# Checks (status bit set when the rule is broken):
#   bit 0  r3 = 0: the processor id (SPR PIR) of the CPU that ran the stub; the
#          emulated machine has one CPU and its PIR reads 0
#   bit 1  r4 = the entry point: computed here at run time with bl/mflr, so it is
#          where this code really runs, not where it was assembled
#   bit 2  MSR = 0x1002 (ME | RI): real mode, external interrupts off
#
# Record (big-endian words at PROBE_RECORD): "LAND", status, r3, r4, msr, entry.
# Uses r3, r4 (read only), r9-r12 and LR; no stack, no memory but the record.

	.equ MSR_REAL_MODE, 0x1002
	.equ MAGIC_HI, 0x4c41            # "LA"
	.equ MAGIC_LO, 0x4e44            # "ND"

	.text
	.globl probe_entry
probe_entry:
	bl	probe_here
probe_here:
	mflr	r10
	addi	r10, r10, probe_entry - probe_here   # where this code runs
	li	r11, 0                   # status
	mfmsr	r12

	cmpwi	r3, 0
	beq	processor_id_ok
	ori	r11, r11, 1
processor_id_ok:
	cmplw	r4, r10
	beq	start_ok
	ori	r11, r11, 2
start_ok:
	cmplwi	r12, MSR_REAL_MODE
	beq	msr_ok
	ori	r11, r11, 4
msr_ok:
	lis	r9, PROBE_RECORD@ha
	addi	r9, r9, PROBE_RECORD@l
	stw	r11, 4(r9)
	stw	r3, 8(r9)
	stw	r4, 12(r9)
	stw	r12, 16(r9)
	stw	r10, 20(r9)
	lis	r11, MAGIC_HI
	ori	r11, r11, MAGIC_LO
	stw	r11, 0(r9)               # magic last: a record is complete once it is there

	.globl probe_done
probe_done:
	b	probe_done
