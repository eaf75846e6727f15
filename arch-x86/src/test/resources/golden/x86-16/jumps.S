# 16-bit jumps to labels: short backwards and forwards, near once out of rel8 reach, and the
# reset vector's jump from 0xfff0 back to 0, which wraps within the 64 KiB segment.
	.intel_syntax noprefix
	.code16
start:
	cli
	jmp	start
	jmp	ahead
	nop
ahead:
	jmp	far_ahead
	.skip	200, 0x90
far_ahead:
	jmp	start
	.org	0xfff0
	jmp	start
	.org	0x10000, 0
