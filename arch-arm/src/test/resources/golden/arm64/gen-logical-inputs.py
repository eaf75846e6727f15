#!/usr/bin/env python3
"""Writes logical-imm.in: candidate bitmask immediates for `and`, one instruction per line.

Valid candidates are every 64-bit (5334) and 32-bit (1302) bitmask pattern, built from the
architecture's definition (element of 2..64 bits holding a run of ones, rotated, replicated).
Invalid candidates are deterministic pseudo-random values, one-bit flips of valid patterns,
and the edge values 0 and all-ones. GNU as decides which are valid; the encoder must agree.
"""
import random

def patterns(width):
    out = set()
    e = 2
    while e <= width:
        for ones in range(1, e):
            base = (1 << ones) - 1
            for rot in range(e):
                elem = ((base >> rot) | (base << (e - rot))) & ((1 << e) - 1)
                v = 0
                for i in range(width // e):
                    v |= elem << (i * e)
                out.add(v)
        e *= 2
    return sorted(out)

rng = random.Random(20261125)
p64, p32 = patterns(64), patterns(32)
assert len(p64) == 5334 and len(p32) == 1302
lines = ["and x0, x1, #0x%x" % v for v in p64]
lines += ["and w2, w3, #0x%x" % v for v in p32]
bad64 = {0, (1 << 64) - 1}
bad64 |= {rng.getrandbits(64) for _ in range(1500)}
bad64 |= {p ^ (1 << rng.randrange(64)) for p in rng.sample(p64, 1500)}
bad32 = {0, (1 << 32) - 1, 0x100000000}
bad32 |= {rng.getrandbits(32) for _ in range(700)}
bad32 |= {p ^ (1 << rng.randrange(32)) for p in rng.sample(p32, 700)}
lines += ["and x0, x1, #0x%x" % v for v in sorted(bad64 - set(p64))]
lines += ["and w2, w3, #0x%x" % v for v in sorted(bad32 - set(p32))]
with open("logical-imm.in", "w") as f:
    f.write("# regenerate: python3 gen-logical-inputs.py && ./regen.sh\n")
    f.write("\n".join(lines) + "\n")
