# Branches whose displacement is exactly at the rel8 limits: +127 / +128 forward, -128 / -129 back.
.intel_syntax noprefix
back129:
    nop
back128:
    .skip 126, 0x90
    jmp back128          # rel = -128: short
    jmp back129          # rel = -131 after growing: near
    je fwd127            # rel = +127: short
    .skip 127, 0xcc
fwd127:
    je fwd128            # rel = +128: near
    .skip 128, 0xcc
fwd128:
    ret
