# entry_probe_riscv64.S - kexec-lab's riscv64 entry probe (RV64I + Zicsr, GNU as syntax).
#
# Assembled at the new kernel's entry point, so it is the first code the relocation stub's
# jump reaches. It checks the RISC-V boot protocol (Documentation/arch/riscv/boot.rst: a0 =
# hart id, a1 = device tree, MMU off, interrupts off) and writes a record; it uses only
# integer registers, the supervisor CSRs the protocol names and the record. Predefined:
# PROBE_RECORD.
#
# Status bits (set when the rule is broken):
#   0  a1 (device tree) is not 8-byte aligned
#   1  satp != 0: the MMU is on
#   2  sstatus.SIE set: interrupts are on
#   3  sie != 0: interrupt sources are enabled
# Record (64-bit words): MAGIC, status, a0, a1, satp, sstatus, sie.

	.equ	MAGIC, 0x4c414e44
	.equ	SSTATUS_SIE, 1 << 1

	.text
	.globl	probe_entry
probe_entry:
	lla	t0, record_address
	ld	t0, 0(t0)
	li	t1, 0			# status
	andi	t2, a1, 7
	beqz	t2, a1_aligned
	ori	t1, t1, 1 << 0
a1_aligned:
	csrr	t3, satp
	beqz	t3, mmu_off
	ori	t1, t1, 1 << 1
mmu_off:
	csrr	t4, sstatus
	andi	t2, t4, SSTATUS_SIE
	beqz	t2, irq_off
	ori	t1, t1, 1 << 2
irq_off:
	csrr	t5, sie
	beqz	t5, sources_off
	ori	t1, t1, 1 << 3
sources_off:
	li	t2, MAGIC
	sd	t2, 0(t0)
	sd	t1, 8(t0)
	sd	a0, 16(t0)
	sd	a1, 24(t0)
	sd	t3, 32(t0)
	sd	t4, 40(t0)
	sd	t5, 48(t0)
	.globl	probe_done
probe_done:
	j	probe_done

	.balign	8
record_address:
	.quad	PROBE_RECORD
