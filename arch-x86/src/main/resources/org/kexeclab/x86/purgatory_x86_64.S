/*
 * purgatory_x86_64.S - kexec-lab's x86_64 purgatory (GNU as, Intel syntax).
 *
 * Register contract. Entered at purgatory_start from relocate_kernel, which leaves every
 * general register but rsp 0, RFLAGS = 0x2 and CR3 = the identity map (64-bit mode, paging on).
 * It leaves for the kernel's 64-bit entry (bzImage protected-mode code + 0x200,
 * Documentation/arch/x86/boot.rst, "64-bit Boot Protocol") with:
 *
 *   rsi    = the boot_params (zero page) physical address, from purgatory_rsi
 *   rsp    = the top of this purgatory's own 16-byte-aligned stack (valid, identity-mapped RAM)
 *   RFLAGS = 0x2 (interrupts off, direction flag clear)
 *   rip    = purgatory_kernel_entry
 *
 * No other register is written (they stay as relocate_kernel left them).
 *
 * Data slots, one quadword each, patched by Java (org.kexeclab.loader.Purgatories) after the
 * purgatory is assembled at its segment's address:
 *
 *   purgatory_kernel_entry  the kernel's entry point
 *   purgatory_rsi           the boot_params address (LoadPlan.bootRegisters() "rsi")
 */
.intel_syntax noprefix

.equ RFLAGS_AT_BOOT, 0x2

.text
.globl purgatory_start
purgatory_start:
    cli
    lea rsp, [rip + purgatory_stack_top]
    push RFLAGS_AT_BOOT
    popfq
    mov rsi, [rip + purgatory_rsi]
    jmp qword ptr [rip + purgatory_kernel_entry]

    .balign 8, 0
purgatory_kernel_entry: .quad 0
purgatory_rsi:          .quad 0

    .balign 16, 0
purgatory_stack:
    .skip 256
purgatory_stack_top:
