# Short and near forms of every branch, forward and backward, to labels and local labels.
.intel_syntax noprefix
start:
    jo near_target
    jno near_target
    jb near_target
    jc near_target
    jnae near_target
    jae near_target
    jnb near_target
    jnc near_target
    je near_target
    jz near_target
    jne near_target
    jnz near_target
    jbe near_target
    jna near_target
    ja near_target
    jnbe near_target
    js near_target
    jns near_target
    jp near_target
    jpe near_target
    jnp near_target
    jpo near_target
    jl near_target
    jnge near_target
    jge near_target
    jnl near_target
    jle near_target
    jng near_target
    jg near_target
    jnle near_target
    jmp near_target
near_target:
    nop
1:  jne 1b
    jmp 1b
    jmp 2f
    call far_target
    jmp far_target
    jc far_target
    jmp 1f
2:  .skip 200, 0x90
1:
far_target:
    jz start
    jmp start
    call start
    jmp near_target
    ret
