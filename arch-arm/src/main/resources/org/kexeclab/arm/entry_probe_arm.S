@ entry_probe_arm.S - kexec-lab's 32-bit ARM entry probe (A32, GNU divided syntax).
@
@ Assembled at the new kernel's entry point (ARM state), so it is the first code the
@ relocation stub's `bx` reaches. It checks the registers the ARM boot protocol fixes
@ (Documentation/arch/arm/booting.rst, as machine_kexec hands over) and writes a record; it
@ uses only r0..r7, the CPSR and the record. Predefined: PROBE_RECORD, MACH_TYPE.
@
@ Status bits (set when the rule is broken):
@   0  r0 != 0
@   1  r1 != the machine type kexec passes (MACH_TYPE)
@   2  r2 (ATAGS/DTB address) is 0
@   3  r2 is not word-aligned
@   4  CPSR mode is neither SVC nor HYP
@   5  IRQ or FIQ not masked (CPSR.I, CPSR.F)
@ Record (32-bit words): MAGIC, status, r0, r1, r2, cpsr.

	.equ	MODE_MASK, 0x1f
	.equ	MODE_SVC, 0x13
	.equ	MODE_HYP, 0x1a
	.equ	PSR_I_F, 0xc0

	.text
	.arm
	.globl	probe_entry
probe_entry:
	ldr	r4, record_address
	mov	r5, #0			@ status
	cmp	r0, #0
	orrne	r5, r5, #1
	ldr	r6, machine_type
	cmp	r1, r6
	orrne	r5, r5, #2
	cmp	r2, #0
	orreq	r5, r5, #4
	tst	r2, #3
	orrne	r5, r5, #8
	mrs	r7, cpsr
	and	r6, r7, #MODE_MASK
	cmp	r6, #MODE_SVC
	cmpne	r6, #MODE_HYP
	orrne	r5, r5, #16
	and	r6, r7, #PSR_I_F
	cmp	r6, #PSR_I_F
	orrne	r5, r5, #32
	ldr	r6, magic
	str	r6, [r4]
	str	r5, [r4, #4]
	str	r0, [r4, #8]
	str	r1, [r4, #12]
	str	r2, [r4, #16]
	str	r7, [r4, #20]
	.globl	probe_done
probe_done:
	b	probe_done

	.align	2
record_address:
	.word	PROBE_RECORD
machine_type:
	.word	MACH_TYPE
magic:
	.word	0x4c414e44
