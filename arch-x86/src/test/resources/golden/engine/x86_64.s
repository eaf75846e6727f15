## arith
add rax, rbx
imul rax, rcx
sub rax, 7
nop
## store
mov [rdx], rax
movzx rbx, byte ptr [rdx]
nop
## loop
add rax, 2
dec rcx
jnz .-7
nop
## load_fault
nop
mov rax, [rbx]
nop
## store_fault
nop
mov [rbx], rax
nop
## invalid
nop
ud2
## trap
nop
int3
nop
## spin
jmp .
