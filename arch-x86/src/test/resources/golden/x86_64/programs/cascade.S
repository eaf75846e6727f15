# A relaxation cascade: each near jump lengthens the distance the others must cover.
.intel_syntax noprefix
top:
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    jne end0
    jne end1
    jne end2
    .skip 60, 0x90
end0: nop
    .skip 20, 0x90
end1: nop
    .skip 20, 0x90
end2:
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    je top
    ret
