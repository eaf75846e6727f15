# entry_probe_ppc64.S - kexec-lab's entry probe for 64-bit PowerPC.
# One source for big-endian (ppc64) and little-endian (ppc64le): the record's
# doublewords are written in the CPU's byte order, as the record format asks.
#
# Assembled to run at the new kernel's entry point: it is the first bytes of the
# image's kernel segment, so the kexec sequence itself copies it into place.
# It checks what kexec_sequence promises the new kernel and writes a record.
#
# Predefined symbol: PROBE_RECORD = physical address of the record.
#
# Checks (status bit set when the rule is broken):
#   bit 0  r3 = 0: the physical id of the CPU that ran the sequence (the
#          emulated machine has one CPU, id 0)
#   bit 1  r4 = the entry point, computed here at run time with bl/mflr
#   bit 2  r5 = 0
#   bit 3  LR = the entry point (the sequence enters with mtlr start; blr);
#          read before this probe's own bl changes it
#   bit 4  MSR has IR, DR and EE clear (mask 0x8030): real mode, interrupts off
#
# Record (doublewords at PROBE_RECORD): "LAND", status, r3, r4, r5, lr, msr, entry.
# Uses r3-r5 (read only), r8-r12 and LR; no stack, no memory but the record.

	.equ MSR_IR_DR_EE, 0x8030
	.equ MAGIC_HI, 0x4c41            # "LA"
	.equ MAGIC_LO, 0x4e44            # "ND"

	.text
	.globl probe_entry
probe_entry:
	mflr	r8                       # LR as the sequence left it
	bl	probe_here
probe_here:
	mflr	r10
	addi	r10, r10, probe_entry - probe_here   # where this code runs
	li	r11, 0                   # status
	mfmsr	r12

	cmpdi	r3, 0
	beq	cpu_id_ok
	ori	r11, r11, 1
cpu_id_ok:
	cmpd	r4, r10
	beq	start_ok
	ori	r11, r11, 2
start_ok:
	cmpdi	r5, 0
	beq	r5_ok
	ori	r11, r11, 4
r5_ok:
	cmpd	r8, r10
	beq	lr_ok
	ori	r11, r11, 8
lr_ok:
	andi.	r9, r12, MSR_IR_DR_EE
	beq	msr_ok
	ori	r11, r11, 16
msr_ok:
	lis	r9, PROBE_RECORD@ha
	addi	r9, r9, PROBE_RECORD@l
	std	r11, 8(r9)
	std	r3, 16(r9)
	std	r4, 24(r9)
	std	r5, 32(r9)
	std	r8, 40(r9)
	std	r12, 48(r9)
	std	r10, 56(r9)
	lis	r11, MAGIC_HI
	ori	r11, r11, MAGIC_LO
	std	r11, 0(r9)               # magic last: a record is complete once it is there

	.globl probe_done
probe_done:
	b	probe_done
