## arith
add r0, r0, r1
mul r0, r0, r2
sub r0, r0, #7
nop
## store
str r0, [r3]
ldrb r1, [r3]
nop
## loop
add r0, r0, #2
subs r2, r2, #1
bne .-8
nop
## load_fault
nop
ldr r0, [r1]
nop
## store_fault
nop
str r0, [r1]
nop
## invalid
nop
udf #0
## trap
nop
svc #0
nop
## spin
b .
