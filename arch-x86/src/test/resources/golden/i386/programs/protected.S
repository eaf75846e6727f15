/* 32-bit protected-mode program for the i386 encoder's golden test: absolute label addresses,
 * relaxed branches in both directions, local labels, a far jump, data and alignment filler. */
.intel_syntax noprefix
.equ SELECTOR, 0x10
.equ SLOT, 0x2000

.text
start:
    cli
    lgdt [table_ptr]
    jmp SELECTOR:reload
reload:
    mov eax, 0x18
    mov ds, ax
    mov ss, eax
    mov eax, [slot]
    mov [slot], eax
    mov ebx, offset slot
    mov ecx, [ebx + 4]
    lea esp, [stack_top]
1:  dec ecx
    jnz 1b
    test ecx, 1
    jz 2f
    inc edx
2:  jmp near_target
    .skip 130, 0x90
near_target:
    call helper
    jmp dword ptr [jump_slot]
helper:
    pushfd
    popfd
    ret
    .balign 16
table_ptr:
    .word 0x17
    .long gdt
    .balign 8, 0
gdt:
    .quad 0
    .quad 0
    .quad 0x00cf9a000000ffff
slot:       .long SLOT
            .long 0x12345678
jump_slot:  .long start
    .balign 64
stack:
    .skip 64
stack_top:
