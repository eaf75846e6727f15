// entry_probe_arm64.S - kexec-lab's arm64 entry probe (A64, GNU syntax).
//
// Assembled at the new kernel's entry point, so it is the first code the relocation stub's
// `br` reaches. It checks the arm64 boot protocol (Documentation/arch/arm64/booting.rst, as
// machine_kexec hands over) and writes a record; it uses only general-purpose registers,
// the system registers the protocol names, and the record. Predefined: PROBE_RECORD.
//
// Status bits (set when the rule is broken):
//   0  x0 (dtb) is not 8-byte aligned       4  SCTLR_EL1.M set: MMU on
//   1  x1 != 0                              5  SCTLR_EL1.C set: data cache on
//   2  x2 != 0                              6  DAIF not fully masked (D, A, I, F)
//   3  x3 != 0                              7  not running at EL1 or EL2
// Record (64-bit words): MAGIC, status, x0, x1, x2, x3, sctlr_el1, daif, currentel.

	.equ	MAGIC, 0x4c414e44
	.equ	SCTLR_M, 1 << 0
	.equ	SCTLR_C, 1 << 2
	.equ	DAIF_ALL, 0xf << 6
	.equ	EL1, 1 << 2
	.equ	EL2, 2 << 2

	.text
	.globl	probe_entry
probe_entry:
	ldr	x9, record_address
	mov	x10, xzr		// status
	tst	x0, #7
	b.eq	x0_aligned
	orr	x10, x10, #(1 << 0)
x0_aligned:
	cbz	x1, x1_zero
	orr	x10, x10, #(1 << 1)
x1_zero:
	cbz	x2, x2_zero
	orr	x10, x10, #(1 << 2)
x2_zero:
	cbz	x3, x3_zero
	orr	x10, x10, #(1 << 3)
x3_zero:
	mrs	x11, sctlr_el1
	tst	x11, #SCTLR_M
	b.eq	mmu_off
	orr	x10, x10, #(1 << 4)
mmu_off:
	tst	x11, #SCTLR_C
	b.eq	dcache_off
	orr	x10, x10, #(1 << 5)
dcache_off:
	mrs	x12, daif
	and	x14, x12, #DAIF_ALL
	cmp	x14, #DAIF_ALL
	b.eq	daif_masked
	orr	x10, x10, #(1 << 6)
daif_masked:
	mrs	x13, currentel
	cmp	x13, #EL1
	b.eq	el_ok
	cmp	x13, #EL2
	b.eq	el_ok
	orr	x10, x10, #(1 << 7)
el_ok:
	movz	x14, #(MAGIC >> 16), lsl #16
	movk	x14, #(MAGIC & 0xffff)
	stp	x14, x10, [x9]
	stp	x0, x1, [x9, #16]
	stp	x2, x3, [x9, #32]
	stp	x11, x12, [x9, #48]
	str	x13, [x9, #64]
	.globl	probe_done
probe_done:
	b	probe_done

	.align	3
record_address:
	.quad	PROBE_RECORD
