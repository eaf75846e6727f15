## arith
add 3, 3, 4
mullw 3, 3, 5
addi 3, 3, -7
nop
## store
stw 3, 0(6)
lbz 4, 0(6)
nop
## loop
addi 3, 3, 2
addic. 5, 5, -1
bne .-8
nop
## load_fault
nop
lwz 3, 0(4)
nop
## store_fault
nop
stw 3, 0(4)
nop
## invalid
nop
.long 0
## trap
nop
sc
nop
## spin
b .
