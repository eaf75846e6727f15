/*
 * relocate_kernel_i386.S - kexec-lab's i386 relocation stub (GNU as --32, Intel syntax).
 *
 * Copied to the start of the control page and called, cdecl, as
 *
 *   relocate_kernel(indirection_page, control_page, start_address, has_pae, preserve_context)
 *
 * with its arguments on the old kernel's stack: [esp] the return address (never used: the stub
 * does not return), [esp+4] head (the first entry of the indirection list, an address | one
 * IND_* flag), [esp+8] the control page's physical address, [esp+12] the new kernel's entry,
 * [esp+16] has_pae (the CPU has PAE: CR4 is cleared), [esp+20] preserve_context (1: swap the
 * pages through the swap page). The kernel passes its page_list as the second argument; this
 * machine has one address per page, so the control page stands for it and the two addresses
 * the stub needs from that list sit in data slots Java patches (Stub.patch):
 *
 *   kexec_pgd        physical address of the kexec page directory, which maps this control page
 *                    to itself (the kernel's image->arch.pgd)
 *   kexec_swap_page  physical address of the swap page (read only with preserve context; all
 *                    ones for a crash image, which has no swap page and no SOURCE entry)
 *
 * It is entered with paging on (the old kernel's page tables) and turns paging off once it runs
 * from the identity-mapped control page; every copy after that uses physical addresses. The
 * stub fills kexec_saved_* with the state of the kernel it leaves. Code takes at most
 * KEXEC_CONTROL_CODE_MAX bytes; the data slots follow at that offset in the same page, and the
 * stack grows down from the end of the page.
 *
 * kexec_copy_page (global) is the per-page routine, entered once per SOURCE entry. Every source
 * page is copied with one rep movsd of 1024 doublewords; with preserve context, source and
 * destination are exchanged through the swap page (the kernel's own 32-bit code swaps even
 * without it; only preserve context needs the old contents back).
 *
 * On exit it returns (ret) into start with every general register zero except esp
 * (= control + PAGE_SIZE), EFLAGS = 0x2, CR0 = the old CR0 without PG, AM, WP, TS and EM, CR3 = 0,
 * CR4 = 0 (if has_pae). The return path a preserve-context kernel would take back into the old
 * kernel is not modelled.
 */
.intel_syntax noprefix

.equ PAGE_SIZE,              4096
.equ PAGE_MASK,              ~(PAGE_SIZE - 1)
.equ KEXEC_CONTROL_CODE_MAX, 2048
/* Every rep movsd below moves one page; instruction counters rely on this count (I386MachineKexec.repeatedInstructions). */
.equ KEXEC_REP_ITERATIONS,   PAGE_SIZE / 4

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
.equ EFLAGS_AT_ENTRY, 0x2

/* The arguments, as the call left them: [esp] is the return address. */
.equ ARG_HEAD,     4
.equ ARG_CONTROL,  8
.equ ARG_START,    12
.equ ARG_HAS_PAE,  16
.equ ARG_PRESERVE, 20

.text
.globl relocate_kernel
relocate_kernel:
    /* Remember the leaving kernel: cdecl's callee-saved registers, flags, stack, control registers. */
    mov [kexec_saved_ebx], ebx
    mov [kexec_saved_esi], esi
    mov [kexec_saved_edi], edi
    mov [kexec_saved_ebp], ebp
    mov [kexec_saved_esp], esp
    pushfd
    pop eax
    mov [kexec_saved_eflags], eax
    mov eax, cr0
    mov [kexec_saved_cr0], eax
    mov eax, cr3
    mov [kexec_saved_cr3], eax
    mov eax, cr4
    mov [kexec_saved_cr4], eax

    /* Read the arguments and say goodbye to the old stack. */
    mov ebx, [esp + ARG_HEAD]           # ebx = head
    mov edi, [esp + ARG_CONTROL]        # edi = control page
    mov edx, [esp + ARG_START]          # edx = start
    mov ecx, [esp + ARG_HAS_PAE]        # ecx = has_pae
    mov ebp, [esp + ARG_PRESERVE]       # ebp = preserve_context, for the whole walk

    /* Interrupts off, every flag clear. */
    push 0
    popfd

    /* Switch to the kexec page tables, which map this control page to itself. */
    mov eax, [kexec_pgd]
    mov cr3, eax

    /* Stack at the top of the control page; continue in its identity-mapped copy. */
    lea esp, [edi + PAGE_SIZE]
    lea eax, [edi + identity_mapped - relocate_kernel]
    jmp eax

identity_mapped:
    push edx                            # the new kernel's entry: the final ret goes there

    /* CR0: paging, alignment check, write protect, task switched and emulation off; protection on. */
    mov eax, cr0
    and eax, ~(CR0_PG | CR0_AM | CR0_WP | CR0_TS | CR0_EM)
    or eax, CR0_PE
    mov cr0, eax

    /* CR4: all clear where the CPU has PAE (without PAE, CR4 may not exist). */
    test ecx, ecx
    jz 1f
    xor eax, eax
    mov cr4, eax
1:
    /* CR3 = 0: nothing is translated any more, and no stale translation survives. */
    xor eax, eax
    mov cr3, eax

    cld
    mov eax, ebx                        # eax = current entry, starting with head
    xor ebx, ebx                        # ebx = where the next entry is read (set by IND_INDIRECTION)
    xor edx, edx                        # edx = current destination page

    /* Walk the indirection list; flags are tested in the kernel's order. */
walk_entry:
    mov ecx, eax
    and ecx, PAGE_MASK                  # ecx = the entry's page address
    test eax, IND_DESTINATION
    jz 1f
    mov edx, ecx                        # destination: later sources are copied here
    jmp next_entry
1:  test eax, IND_INDIRECTION
    jz 1f
    mov ebx, ecx                        # indirection: read entries from that page from now on
    jmp next_entry
1:  test eax, IND_DONE
    jnz list_done
    test eax, IND_SOURCE
    jz next_entry                       # an entry with no flag is skipped

    /* The per-page routine: entered exactly once per SOURCE entry (counters hook this label). */
.globl kexec_copy_page
kexec_copy_page:
    test ebp, FLAG_PRESERVE_CONTEXT
    jnz swap_source

    /* Source: copy the page to the destination, which moves on by one page. */
    mov esi, ecx
    mov edi, edx
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsd
    mov edx, edi
    jmp next_entry

    /* Source with preserve context: exchange source and destination through the swap page. */
swap_source:
    mov eax, ecx                        # eax = the source page (its entry is done with)
    mov edi, [kexec_swap_page]
    mov esi, eax
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsd                           # swap page <- source
    mov edi, eax
    mov esi, edx
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsd                           # source <- destination
    mov edi, edx
    mov esi, [kexec_swap_page]
    mov ecx, KEXEC_REP_ITERATIONS
    rep movsd                           # destination <- swap page
    mov edx, edi

next_entry:
    mov eax, [ebx]
    add ebx, 4
    jmp walk_entry

list_done:
    /* Enter the new kernel with clean registers (esp excepted) and EFLAGS = 0x2. */
    xor eax, eax
    xor ebx, ebx
    xor ecx, ecx
    xor edx, edx
    xor esi, esi
    xor edi, edi
    xor ebp, ebp
    push EFLAGS_AT_ENTRY
    popfd
    ret                                 # to start, pushed at identity_mapped
kexec_code_end:

/* Data slots: .org fails the assembly if the code above outgrows its 2048 bytes. */
    .org KEXEC_CONTROL_CODE_MAX, 0
kexec_data:
kexec_pgd:          .long 0             # +0x800 patched by Java
kexec_swap_page:    .long 0             # +0x804 patched by Java
kexec_saved_esp:    .long 0             # +0x808
kexec_saved_cr0:    .long 0             # +0x80c
kexec_saved_cr3:    .long 0             # +0x810
kexec_saved_cr4:    .long 0             # +0x814
kexec_saved_eflags: .long 0             # +0x818
kexec_saved_ebx:    .long 0             # +0x81c
kexec_saved_esi:    .long 0             # +0x820
kexec_saved_edi:    .long 0             # +0x824
kexec_saved_ebp:    .long 0             # +0x828
kexec_data_end:
