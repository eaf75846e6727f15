/*
 * entry_probe_i386.S - kexec-lab's i386 entry probe (GNU as --32, Intel syntax).
 *
 * Placed by the demo image at the new kernel's entry point and assembled there; the
 * assembler predefines PROBE_RECORD, the physical address of the record it writes.
 * It checks the state relocate_kernel promises the new kernel:
 *
 *   every general register except esp is 0, EFLAGS = 0x2 (interrupts off, DF clear)
 *
 * Record (little-endian doublewords at PROBE_RECORD), as org.kexeclab.kexec.EntryProbe reads it:
 *
 *   +0x00 MAGIC "LAND" (written last, so a half-written record never looks landed)
 *   +0x04 status: bit n set = register n below was not 0 (n = 0..6), bit 7 = EFLAGS != 0x2
 *   +0x08 eax, ebx, ecx, edx, esi, edi, ebp   (values seen at entry)
 *   +0x24 eflags
 *   +0x28 esp (recorded, not checked: the protocol only says it points at valid memory)
 *
 * Every register is stored before any is changed. Reading EFLAGS needs pushfd, which
 * writes one doubleword below esp: relocate_kernel leaves esp at the top of the control
 * page, valid RAM that nothing reads any more. No other memory is touched.
 */
.intel_syntax noprefix

.equ REC_STATUS, PROBE_RECORD + 0x04
.equ REC_REGS,   PROBE_RECORD + 0x08
.equ REC_EFLAGS, PROBE_RECORD + 0x24
.equ REC_ESP,    PROBE_RECORD + 0x28
.equ MAGIC,      0x4C414E44
.equ EFLAGS_AT_ENTRY, 0x2
.equ BAD_EFLAGS, 1 << 7

.text
.globl entry_probe
entry_probe:
    /* Record every register first, before any instruction can change one. */
    mov [REC_REGS + 0x00], eax
    mov [REC_REGS + 0x04], ebx
    mov [REC_REGS + 0x08], ecx
    mov [REC_REGS + 0x0c], edx
    mov [REC_REGS + 0x10], esi
    mov [REC_REGS + 0x14], edi
    mov [REC_REGS + 0x18], ebp
    mov [REC_ESP], esp
    pushfd
    pop eax
    mov [REC_EFLAGS], eax

    /* Check: eax accumulates the status, ecx holds each recorded value in turn. */
    xor eax, eax
    mov ecx, [REC_REGS + 0x00]
    test ecx, ecx
    jz 1f
    or eax, 1 << 0
1:  mov ecx, [REC_REGS + 0x04]
    test ecx, ecx
    jz 1f
    or eax, 1 << 1
1:  mov ecx, [REC_REGS + 0x08]
    test ecx, ecx
    jz 1f
    or eax, 1 << 2
1:  mov ecx, [REC_REGS + 0x0c]
    test ecx, ecx
    jz 1f
    or eax, 1 << 3
1:  mov ecx, [REC_REGS + 0x10]
    test ecx, ecx
    jz 1f
    or eax, 1 << 4
1:  mov ecx, [REC_REGS + 0x14]
    test ecx, ecx
    jz 1f
    or eax, 1 << 5
1:  mov ecx, [REC_REGS + 0x18]
    test ecx, ecx
    jz 1f
    or eax, 1 << 6
1:  mov ecx, [REC_EFLAGS]
    cmp ecx, EFLAGS_AT_ENTRY
    je 1f
    or eax, BAD_EFLAGS
1:  mov [REC_STATUS], eax

    mov eax, MAGIC
    mov [PROBE_RECORD], eax
.globl probe_done
probe_done:
    jmp probe_done
