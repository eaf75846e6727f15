# qemu_reset_ppc64.S - the boot check's firmware reset code for QEMU's pseries machine.
#
# pseries starts CPU 0 at 0x100 of the firmware image (-bios) and its reset sets the start
# address after every device's, so the boot check cannot point CPU 0 elsewhere: this code,
# assembled at 0x100 of a one-page firmware image, branches to the entry trampoline at
# TRAMPOLINE (predefined by Java) through CTR. Big-endian: the CPU's byte order at reset.

	.text
	.globl reset_start
reset_start:
	lis	r12, TRAMPOLINE@h
	ori	r12, r12, TRAMPOLINE@l
	mtctr	r12
	bctr
