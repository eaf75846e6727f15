/*
 * entry_probe_x86_64.S - kexec-lab's x86_64 entry probe (GNU as, Intel syntax).
 *
 * Placed by the demo image at the new kernel's entry point and assembled there; the
 * assembler predefines PROBE_RECORD, the physical address of the record it writes.
 * It checks the state relocate_kernel promises the new kernel:
 *
 *   every general register except rsp is 0, RFLAGS = 0x2 (interrupts off, DF clear)
 *
 * Record (little-endian quadwords at PROBE_RECORD), as org.kexeclab.kexec.EntryProbe reads it:
 *
 *   +0x00 MAGIC "LAND" (written last, so a half-written record never looks landed)
 *   +0x08 status: bit n set = register n below was not 0 (n = 0..14), bit 15 = RFLAGS != 0x2
 *   +0x10 rax, rbx, rcx, rdx, rsi, rdi, rbp, r8 .. r15   (values seen at entry)
 *   +0x88 rflags
 *   +0x90 rsp (recorded, not checked: the protocol only says it points at valid memory)
 *
 * Every register is stored before any is changed. Reading RFLAGS needs pushfq, which
 * writes one quadword below rsp: relocate_kernel leaves rsp at the top of the control
 * page, valid RAM that nothing reads any more. No other memory is touched.
 */
.intel_syntax noprefix

.equ REC_STATUS, PROBE_RECORD + 0x08
.equ REC_REGS,   PROBE_RECORD + 0x10
.equ REC_RFLAGS, PROBE_RECORD + 0x88
.equ REC_RSP,    PROBE_RECORD + 0x90
.equ MAGIC,      0x4C414E44
.equ RFLAGS_AT_ENTRY, 0x2
.equ BAD_RFLAGS, 1 << 15

.text
.globl entry_probe
entry_probe:
    /* Record every register first, before any instruction can change one. */
    mov [REC_REGS + 0x00], rax
    mov [REC_REGS + 0x08], rbx
    mov [REC_REGS + 0x10], rcx
    mov [REC_REGS + 0x18], rdx
    mov [REC_REGS + 0x20], rsi
    mov [REC_REGS + 0x28], rdi
    mov [REC_REGS + 0x30], rbp
    mov [REC_REGS + 0x38], r8
    mov [REC_REGS + 0x40], r9
    mov [REC_REGS + 0x48], r10
    mov [REC_REGS + 0x50], r11
    mov [REC_REGS + 0x58], r12
    mov [REC_REGS + 0x60], r13
    mov [REC_REGS + 0x68], r14
    mov [REC_REGS + 0x70], r15
    mov [REC_RSP], rsp
    pushfq
    pop rax
    mov [REC_RFLAGS], rax

    /* Check: rax accumulates the status, rcx holds each recorded value in turn. */
    xor eax, eax
    mov rcx, [REC_REGS + 0x00]
    test rcx, rcx
    jz 1f
    or eax, 1 << 0
1:  mov rcx, [REC_REGS + 0x08]
    test rcx, rcx
    jz 1f
    or eax, 1 << 1
1:  mov rcx, [REC_REGS + 0x10]
    test rcx, rcx
    jz 1f
    or eax, 1 << 2
1:  mov rcx, [REC_REGS + 0x18]
    test rcx, rcx
    jz 1f
    or eax, 1 << 3
1:  mov rcx, [REC_REGS + 0x20]
    test rcx, rcx
    jz 1f
    or eax, 1 << 4
1:  mov rcx, [REC_REGS + 0x28]
    test rcx, rcx
    jz 1f
    or eax, 1 << 5
1:  mov rcx, [REC_REGS + 0x30]
    test rcx, rcx
    jz 1f
    or eax, 1 << 6
1:  mov rcx, [REC_REGS + 0x38]
    test rcx, rcx
    jz 1f
    or eax, 1 << 7
1:  mov rcx, [REC_REGS + 0x40]
    test rcx, rcx
    jz 1f
    or eax, 1 << 8
1:  mov rcx, [REC_REGS + 0x48]
    test rcx, rcx
    jz 1f
    or eax, 1 << 9
1:  mov rcx, [REC_REGS + 0x50]
    test rcx, rcx
    jz 1f
    or eax, 1 << 10
1:  mov rcx, [REC_REGS + 0x58]
    test rcx, rcx
    jz 1f
    or eax, 1 << 11
1:  mov rcx, [REC_REGS + 0x60]
    test rcx, rcx
    jz 1f
    or eax, 1 << 12
1:  mov rcx, [REC_REGS + 0x68]
    test rcx, rcx
    jz 1f
    or eax, 1 << 13
1:  mov rcx, [REC_REGS + 0x70]
    test rcx, rcx
    jz 1f
    or eax, 1 << 14
1:  mov rcx, [REC_RFLAGS]
    cmp rcx, RFLAGS_AT_ENTRY
    je 1f
    or eax, BAD_RFLAGS
1:  mov [REC_STATUS], rax

    mov eax, MAGIC
    mov [PROBE_RECORD], rax
.globl probe_done
probe_done:
    jmp probe_done
