/* RIP-relative data, constants, directives and alignment filler as a stub uses them. */
.intel_syntax noprefix
.equ SLOT_RSP, 0x10
.equ SLOT_CR0, SLOT_RSP + 8
.set PAGE_SIZE, 4096
entry:
    lea r8, [rip + slots]        # address of the data area
    mov [r8 + SLOT_RSP], rsp
    mov rax, cr0
    mov [r8 + SLOT_CR0], rax
    mov rax, [rip + start_slot]
    mov qword ptr [rip + flag_slot], 1
    lea rdi, [rip + entry]
    push qword ptr [rip + start_slot]
    lgdt [rip + gdt_desc]
    mov rcx, PAGE_SIZE / 8
    and rdx, ~(PAGE_SIZE - 1)
    mov eax, SLOT_CR0 * 2 + 1
    add rsp, SLOT_RSP
    jmp qword ptr [rip + start_slot]
    .balign 16
    nop
    .balign 32
slots:
    .quad 0, 0, 0, 0
start_slot:   .quad 0x1122334455667788
flag_slot:    .long 0xdeadbeef ; .word 0x1234, 5 ; .short -1 ; .byte 1, 2, 'A'
gdt_desc:     .word gdt_end - gdt - 1
    .quad gdt_end - entry
    .ascii "kexec\n"
    .asciz "lab", "x"
    .balign 8, 0xcc
gdt:
    .quad 0, 0x00af9a000000ffff
gdt_end:
    .org 0x200
    .byte 0xee
    .p2align 4
    ret
