## arith
add x0, x0, x1
mul x0, x0, x2
sub x0, x0, #7
nop
## store
str x0, [x3]
ldrb w1, [x3]
nop
## loop
add x0, x0, #2
subs x2, x2, #1
b.ne .-8
nop
## load_fault
nop
ldr x0, [x1]
nop
## store_fault
nop
str x0, [x1]
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
