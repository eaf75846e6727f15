## arith
add a0, a0, a1
mul a0, a0, a2
addi a0, a0, -7
nop
## store
sd a0, 0(a3)
lbu a1, 0(a3)
nop
## loop
addi a0, a0, 2
addi a2, a2, -1
bnez a2, .-8
nop
## load_fault
nop
ld a0, 0(a1)
nop
## store_fault
nop
sd a0, 0(a1)
nop
## invalid
nop
unimp
## trap
nop
ecall
nop
## spin
j .
