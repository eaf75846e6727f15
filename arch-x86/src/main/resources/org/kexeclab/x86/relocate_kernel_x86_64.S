/*
 * relocate_kernel_x86_64.S - kexec-lab's x86_64 relocation stub (GNU as, Intel syntax).
 *
 * Copied to the start of the control page and entered at relocate_kernel with:
 *
 *   rdi = head     first entry of the indirection list (an address | one IND_* flag)
 *   rsi = control  physical address of the control page this code runs from
 *   rdx = start    entry point of the new kernel
 *   rcx = flags    bit 0: preserve context (swap pages through the swap page)
 *
 * Code takes at most KEXEC_CONTROL_CODE_MAX bytes; the data slots follow at that offset in
 * the same page, and the stack grows down from the end of the page. Java patches two slots
 * before copying the stub (Stub.patch):
 *
 *   kexec_identity_cr3  physical address of the identity-mapped PML4 (the new CR3)
 *   kexec_swap_page     physical address of the swap page (read only with preserve context;
 *                       all ones for a crash image, which has no swap page and no SOURCE entry)
 *
 * The stub fills the others (kexec_saved_*) with the state of the kernel it leaves.
 *
 * kexec_copy_page (global) is the per-page routine, entered once per SOURCE entry.
 *
 * On exit it returns (ret) into start with every general register zero except rsp
 * (= control + PAGE_SIZE), RFLAGS = 0x2, CR3 = the identity map, paging on. The return path a preserve-context
 * kernel would take back into the old kernel is not modelled.
 */
.intel_syntax noprefix

.equ PAGE_SIZE,              4096
.equ PAGE_MASK,              ~(PAGE_SIZE - 1)
.equ KEXEC_CONTROL_CODE_MAX, 2048
/* Every rep movsq below moves one page; instruction counters rely on this count (X86_64MachineKexec.repeatedInstructions). */
.equ KEXEC_REP_ITERATIONS,   PAGE_SIZE / 8

.equ IND_DESTINATION, 0x1
.equ IND_INDIRECTION, 0x2
.equ IND_DONE,        0x4
.equ IND_SOURCE,      0x8
.equ FLAG_PRESERVE_CONTEXT, 0x1

.equ CR0_PE, 1 << 0
.equ CR0_EM, 1 << 2
.equ CR0_TS, 1 << 3
.equ CR0_WP, 1 << 16
.equ CR0_AM, 1 << 18
.equ CR0_PG, 1 << 31
.equ CR4_PAE,  1 << 5
.equ CR4_LA57, 1 << 12

.text
.globl relocate_kernel
relocate_kernel:
    /* Remember the leaving kernel: callee-saved registers, stack, control registers. */
    mov [rip + kexec_saved_rbx], rbx
    mov [rip + kexec_saved_rbp], rbp
    mov [rip + kexec_saved_r12], r12
    mov [rip + kexec_saved_r13], r13
    mov [rip + kexec_saved_r14], r14
    mov [rip + kexec_saved_r15], r15
    mov [rip + kexec_saved_rsp], rsp
    mov rax, cr0
    mov [rip + kexec_saved_cr0], rax
    mov rax, cr3
    mov [rip + kexec_saved_cr3], rax
    mov rax, cr4
    mov [rip + kexec_saved_cr4], rax

    cli
    mov r11, rcx                        # r11 = flags for the whole walk

    /* Switch to the identity map, whose tables also map this page. */
    mov r9, [rip + kexec_identity_cr3]
    mov cr3, r9

    /* Stack at the top of the control page; the new kernel's entry is the return address. */
    lea rsp, [rsi + PAGE_SIZE]
    push rdx

    /* Continue in the control page's own (physical, identity-mapped) copy of the code. */
    lea r8, [rsi + identity_mapped - relocate_kernel]
    jmp r8

identity_mapped:
    /* CR0: paging and protection stay on; alignment check, write protect, task switched
     * and emulation go off. CR0's upper half is zero, so 32-bit arithmetic suffices. */
    mov rax, cr0
    and rax, ~(CR0_AM | CR0_WP | CR0_TS | CR0_EM)
    or eax, CR0_PG | CR0_PE
    mov cr0, rax

    /* CR4: only PAE, plus LA57 if five-level paging was on (it cannot be turned off here). */
    mov rax, cr4
    and eax, CR4_LA57
    or eax, CR4_PAE
    mov cr4, rax

    /* Reload CR3 to flush every stale translation. */
    mov r9, cr3
    mov cr3, r9

    cld
    mov r10, [rip + kexec_swap_page]    # r10 = swap page
    mov rax, rdi                        # rax = current entry, starting with head
    xor ebx, ebx                        # rbx = where the next entry is read (set by IND_INDIRECTION)
    xor r8d, r8d                        # r8  = current destination page

    /* Walk the indirection list; flags are tested in the kernel's order. */
walk_entry:
    mov r9, rax
    and r9, PAGE_MASK                   # r9 = the entry's page address
    test eax, IND_DESTINATION
    jz 1f
    mov r8, r9                          # destination: later sources are copied here
    jmp next_entry
1:  test eax, IND_INDIRECTION
    jz 1f
    mov rbx, r9                         # indirection: read entries from that page from now on
    jmp next_entry
1:  test eax, IND_DONE
    jnz list_done
    test eax, IND_SOURCE
    jz next_entry                       # an entry with no flag is skipped

    /* The per-page routine: entered exactly once per SOURCE entry (counters hook this label). */
.globl kexec_copy_page
kexec_copy_page:
    test r11, FLAG_PRESERVE_CONTEXT
    jnz swap_source

    /* Source: copy the page to the destination, which moves on by one page. */
    mov rsi, r9
    mov rdi, r8
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsq
    mov r8, rdi
    jmp next_entry

    /* Source with preserve context: exchange source and destination through the swap page. */
swap_source:
    mov rdi, r10
    mov rsi, r9
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsq                           # swap page <- source
    mov rdi, r9
    mov rsi, r8
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsq                           # source <- destination
    mov rdi, r8
    mov rsi, r10
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsq                           # destination <- swap page
    add r8, PAGE_SIZE

next_entry:
    mov rax, [rbx]
    add rbx, 8
    jmp walk_entry

list_done:
    /* Enter the new kernel with clean registers (rsp excepted) and RFLAGS = 0x2. */
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor esi, esi
    xor edi, edi
    xor ebp, ebp
    xor r8d, r8d
    xor r9d, r9d
    xor r10d, r10d
    xor r11d, r11d
    xor r12d, r12d
    xor r13d, r13d
    xor r14d, r14d
    xor r15d, r15d
    push 0x2
    popfq
    ret                                 # to start, pushed on entry
kexec_code_end:

/* Data slots: .org fails the assembly if the code above outgrows its 2048 bytes. */
    .org KEXEC_CONTROL_CODE_MAX, 0
kexec_data:
kexec_identity_cr3: .quad 0             # +0x800 patched by Java
kexec_swap_page:    .quad 0             # +0x808 patched by Java
kexec_saved_rsp:    .quad 0             # +0x810
kexec_saved_cr0:    .quad 0             # +0x818
kexec_saved_cr3:    .quad 0             # +0x820
kexec_saved_cr4:    .quad 0             # +0x828
kexec_saved_rbx:    .quad 0             # +0x830
kexec_saved_rbp:    .quad 0             # +0x838
kexec_saved_r12:    .quad 0             # +0x840
kexec_saved_r13:    .quad 0             # +0x848
kexec_saved_r14:    .quad 0             # +0x850
kexec_saved_r15:    .quad 0             # +0x858
kexec_data_end:
