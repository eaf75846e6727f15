## ld
ld 3, 0x100(4)
nop
