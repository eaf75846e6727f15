/*
 * purgatory_i386.S - kexec-lab's i386 purgatory (GNU as --32, Intel syntax).
 *
 * Register contract. Entered at purgatory_start from relocate_kernel, which leaves every
 * general register but esp 0, EFLAGS = 0x2 and paging off, in 32-bit protected mode with the
 * segments the old kernel had loaded (its GDT already gone). It leaves for the kernel's 32-bit
 * entry (the start of the bzImage's protected-mode code, Documentation/arch/x86/boot.rst,
 * "32-bit Boot Protocol") with:
 *
 *   a GDT of its own, with flat 4 GiB segments __BOOT_CS (0x10, code) and __BOOT_DS (0x18, data)
 *   cs     = __BOOT_CS, loaded by a far return
 *   ds, es, ss, fs, gs = __BOOT_DS
 *   esi    = the boot_params (zero page) physical address, from purgatory_esi
 *   ebx = 0 (cleared after its last use), ebp, edi = 0 (as relocate_kernel left them), eax = 0
 *   esp    = the top of this purgatory's own 16-byte-aligned stack (valid RAM)
 *   EFLAGS = 0x2 (interrupts off, direction flag clear)
 *   eip    = purgatory_kernel_entry
 *
 * ecx and edx stay as relocate_kernel left them (0).
 *
 * Data slots, one doubleword each, patched by Java (org.kexeclab.loader.plan.Purgatories)
 * after the purgatory is assembled at its segment's address:
 *
 *   purgatory_kernel_entry  the kernel's entry point
 *   purgatory_esi           the boot_params address (LoadPlan.bootRegisters() "esi")
 *
 * 32-bit code has no EIP-relative addressing, so the purgatory finds itself with call/pop and
 * addresses everything from there: its bytes do not depend on where it is placed. It may be
 * entered with any esp, so that one call uses a scratch stack in the machine's own first MiB
 * (MACHINE_STACK_TOP, StandardMachine.STACK_TOP: the old kernel's stack, which no destination
 * overlaps). It writes its GDT's address into the GDT pointer, loads the data selectors (SS
 * first, so that the far return pops through a 32-bit stack segment: Unicorn 2.0.1 resets SS to a
 * 16-bit one and would pop from esp & 0xffff) and enters __BOOT_CS with a far return.
 */
.intel_syntax noprefix

.equ BOOT_CS, 0x10
.equ BOOT_DS, 0x18
.equ EFLAGS_AT_BOOT, 0x2
.equ MACHINE_STACK_TOP, 0x80000

.text
.globl purgatory_start
purgatory_start:
    cli
    mov esp, MACHINE_STACK_TOP          # scratch, for the call below only
    call purgatory_here
purgatory_here:
    pop ebx                             # ebx = the address of purgatory_here
    lea eax, [ebx + purgatory_gdt - purgatory_here]
    mov [ebx + purgatory_gdt_ptr + 2 - purgatory_here], eax
    lgdt [ebx + purgatory_gdt_ptr - purgatory_here]
    mov eax, BOOT_DS
    mov ss, eax
    lea esp, [ebx + purgatory_stack_top - purgatory_here]
    mov ds, eax
    mov es, eax
    mov fs, eax
    mov gs, eax
    push BOOT_CS
    lea eax, [ebx + purgatory_flat - purgatory_here]
    push eax
    retf                                # cs = __BOOT_CS, at purgatory_flat
purgatory_flat:
    mov esi, [ebx + purgatory_esi - purgatory_here]
    push dword ptr [ebx + purgatory_kernel_entry - purgatory_here]
    xor eax, eax
    xor ebx, ebx
    push EFLAGS_AT_BOOT
    popfd
    ret                                 # to the kernel entry; esp is back at purgatory_stack_top

    .balign 4, 0
purgatory_kernel_entry: .long 0
purgatory_esi:          .long 0

/* Flat 4 GiB segments, their accessed bits already set (the CPU would set them on the first load). */
    .balign 8, 0
purgatory_gdt:
    .quad 0                             # the null descriptor
    .quad 0                             # 0x08: unused, as in the kernel's boot GDT
    .quad 0x00cf9b000000ffff            # 0x10 __BOOT_CS: base 0, limit 4 GiB, execute/read, 32-bit
    .quad 0x00cf93000000ffff            # 0x18 __BOOT_DS: base 0, limit 4 GiB, read/write, 32-bit
purgatory_gdt_end:
purgatory_gdt_ptr:
    .word purgatory_gdt_end - purgatory_gdt - 1
    .long 0                             # the GDT's address, written at run time

    .balign 16, 0
purgatory_stack:
    .skip 256
purgatory_stack_top:
