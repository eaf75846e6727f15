## arith
add eax, ebx
imul eax, ecx
sub eax, 7
nop
## store
mov [edx], eax
movzx ebx, byte ptr [edx]
nop
## loop
add eax, 2
dec ecx
jnz .-4
nop
## load_fault
nop
mov eax, [ebx]
nop
## store_fault
nop
mov [ebx], eax
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
