#!/usr/bin/env python3
"""Golden results for 64-bit PowerPC forms, measured on qemu-user (an executor independent of
the project's Java engine). For every case it writes one line of cases.txt:

  name|asm|be-bytes|le-bytes|inputs|mem-in|be-outputs|be-mem|le-outputs|le-mem

inputs/outputs: r3..r10, CR, XER, CTR as hex, space separated; mem: the 64 scratch bytes at
SCRATCH as hex ('-' when the case does not touch memory; then they stay zero, checked here);
le-outputs '=' when equal to be-outputs. Bytes are in memory order for each byte order.

Each case runs in one static program per byte order, assembled with GNU as, linked with GNU ld
and run under qemu-ppc64 / qemu-ppc64le: the program loads the case's registers, CR, XER, CTR
and scratch memory, executes the case's body, stores the registers and memory, and after the
last case writes all results to stdout with the write system call, then exits.
Usage: gen.py OUTPUT_FILE REGEN_SCRIPT   (needs binutils-powerpc64{,le}-linux-gnu and qemu-user);
REGEN_SCRIPT is the command, relative to the repository root, that the header names for regenerating.
"""
import random
import subprocess
import sys
import tempfile
from pathlib import Path

SEED = 0x6b657865633634
SCRATCH = 0x20000000
M64 = (1 << 64) - 1
EDGES = [0, 1, M64, 1 << 63, (1 << 63) - 1]
MORE_EDGES = [0xffffffff, 0x80000000, 0x7fffffff, 0x100000000, 0xffffffff80000000]
SHIFTS = [0, 1, 31, 32, 33, 63, 64, 127, 128 + 5, 0xffffffffffffff20]
XER_FLAGS = [0, 0x20000000, 0x80000000, 0x40000000 | 0x80000000, 0x20040000, 0xe00c0000, 0x00080000]
NREGS = 8  # r3..r10
REC = 8 * (NREGS + 3) + 64

rnd = random.Random(SEED)


def rand64():
    kind = rnd.randrange(4)
    if kind == 0:
        return rnd.getrandbits(64)
    if kind == 1:
        return rnd.choice(EDGES + MORE_EDGES) ^ rnd.getrandbits(rnd.choice([1, 4, 16]))
    if kind == 2:
        return rnd.getrandbits(32) | (rnd.choice([0, M64 << 32]) & M64)
    return rnd.getrandbits(64)


class Case:
    def __init__(self, name, body, regs, mem=None, ctr=None):
        self.name = name
        self.body = body
        self.regs = [rnd.getrandbits(64) for _ in range(NREGS)]
        for r, v in regs.items():
            self.regs[r - 3] = v & M64
        self.cr = rnd.getrandbits(32)
        self.xer = rnd.choice(XER_FLAGS)
        self.ctr = rnd.getrandbits(64) if ctr is None else ctr & M64
        self.mem = mem

    def inputs(self):
        return self.regs + [self.cr, self.xer, self.ctr]


def pairs(extra=5):
    out = [(a, b) for a in EDGES for b in EDGES]
    out += [(rand64(), rand64()) for _ in range(extra)]
    return out


def singles(extra=6):
    return [(v,) for v in EDGES + MORE_EDGES] + [(rand64(),) for _ in range(extra)]


CASES = []
WORK = [""]  # the temporary directory, shown as $WORK in the recorded commands


def binary(mnems):
    for m in mnems:
        for a, b in pairs():
            CASES.append(Case(m, f"{m} 3,4,5", {4: a, 5: b}))


def shifts(mnems):
    for m in mnems:
        for a in EDGES[1:] + [rand64()]:
            for s in SHIFTS:
                CASES.append(Case(m, f"{m} 3,4,5", {4: a, 5: s}))


def unary(mnems):
    for m in mnems:
        for (a,) in singles():
            CASES.append(Case(m, f"{m} 3,4", {4: a}))


def immediate(forms, extra=3):
    """forms: asm with r4 the source register and r3 the result (and, for inserts, an input)."""
    for asm in forms:
        for (a,) in singles(extra) if extra else [(v,) for v in EDGES + [rand64(), rand64()]]:
            CASES.append(Case(asm.split()[0], asm, {4: a, 3: rand64()}))


def compares():
    for m in ["cmpd", "cmpld", "cmpw", "cmplw"]:
        for a, b in pairs():
            CASES.append(Case(m, f"{m} 4,5", {4: a, 5: b}))
            CASES.append(Case(m + " cr5", f"{m} 5,4,5", {4: a, 5: b}))
    for asm in ["cmpdi 4,-1", "cmpdi 3,4,0", "cmpdi 4,0x7fff", "cmpldi 4,0xffff", "cmpldi 6,4,1",
                "cmpwi 4,-1", "cmplwi 4,0x8000"]:
        for (a,) in singles(3):
            CASES.append(Case(asm.split()[0], asm, {4: a}))


def memory():
    def mem():
        return bytes(rnd.getrandbits(8) for _ in range(64))
    loads = [("ld", "ld 3,8(4)", 0), ("ld", "ld 3,-8(4)", 16), ("ldu", "ldu 3,8(4)", 0),
             ("ldu", "ldu 3,-16(4)", 40), ("lwa", "lwa 3,4(4)", 0), ("lwa", "lwa 3,-4(4)", 16),
             ("lwz", "lwz 3,4(4)", 0), ("lha", "lha 3,2(4)", 0), ("lhz", "lhz 3,6(4)", 0)]
    for name, asm, base in loads:
        for _ in range(6):
            CASES.append(Case(name, asm, {4: SCRATCH + base}, mem()))
    for name, asm in [("ldx", "ldx 3,4,5"), ("ldux", "ldux 3,4,5"), ("lwax", "lwax 3,4,5")]:
        for off in [0, 8, 24, 56]:
            CASES.append(Case(name, asm, {4: SCRATCH + 16, 5: off - 16}, mem()))
            CASES.append(Case(name, asm, {4: off - 16 + (1 << 64), 5: SCRATCH + 16}, mem()))
    for name, asm in [("lwzx", "lwzx 3,4,5"), ("lwzux", "lwzux 3,4,5"), ("lbzx", "lbzx 3,4,5"),
                      ("stwx", "stwx 3,4,5"), ("stwux", "stwux 3,4,5")]:
        for off in [0, 12, 63 - 3]:
            CASES.append(Case(name, asm, {3: rand64(), 4: SCRATCH + 16, 5: off - 16}, mem()))
    for name, asm in [("lwzu", "lwzu 3,-4(4)"), ("stwu", "stwu 3,4(4)"), ("sth", "sth 3,6(4)"), ("stb", "stb 3,7(4)")]:
        for v in EDGES:
            CASES.append(Case(name, asm, {3: v, 4: SCRATCH + 8}, mem()))
    stores = [("std", "std 3,8(4)", 0), ("std", "std 3,-8(4)", 16), ("stdu", "stdu 3,8(4)", 0),
              ("stdu", "stdu 3,-16(4)", 40), ("stw", "stw 3,4(4)", 0)]
    for name, asm, base in stores:
        for v in EDGES + [rand64()]:
            CASES.append(Case(name, asm, {3: v, 4: SCRATCH + base}, mem()))
    for name, asm in [("stdx", "stdx 3,4,5"), ("stdux", "stdux 3,4,5")]:
        for off in [0, 8, 24, 56]:
            CASES.append(Case(name, asm, {3: rand64(), 4: SCRATCH + 16, 5: off - 16}, mem()))


def rotates():
    for sh in [0, 1, 31, 32, 63]:
        for mb in [0, 1, 32, 63]:
            immediate([f"rldicl 3,4,{sh},{mb}", f"rldicr 3,4,{sh},{mb}", f"rldic 3,4,{sh},{mb}",
                       f"rldimi 3,4,{sh},{mb}"], 0)
    immediate(["rldicl. 3,4,8,40", "rldicr. 3,4,60,3", "rldic. 3,4,16,8", "rldimi. 3,4,40,12",
               "sldi 3,4,1", "sldi 3,4,63", "srdi 3,4,1", "srdi 3,4,63", "sldi. 3,4,32", "srdi. 3,4,32",
               "clrldi 3,4,32", "rotldi 3,4,13", "rlwinm 3,4,0,0,31", "rlwinm 3,4,8,28,3",
               "rlwinm. 3,4,1,0,31", "rlwimi 3,4,4,8,27", "rlwimi 3,4,20,30,1", "srawi 3,4,0",
               "srawi 3,4,1", "srawi 3,4,31", "srawi. 3,4,7"])
    for mb in [0, 7, 32, 63]:
        for m in ["rldcl", "rldcr"]:
            for a in [M64, 1 << 63, rand64()]:
                for s in [0, 1, 63, 64 + 3, rand64()]:
                    CASES.append(Case(m, f"{m} 3,4,5,{mb}", {4: a, 5: s}))
    for m in ["rldcl.", "rldcr.", "rlwnm", "rlwnm."]:
        for a, b in pairs(3):
            asm = f"{m} 3,4,5,{'16' if m.startswith('rld') else '4,27'}"
            CASES.append(Case(m, asm, {4: a, 5: b}))


def counter():
    bodies = [("bdnz", "bdnz 1f\n addi 3,3,1\n1: addi 4,4,1"),
              ("bdz", "bdz 1f\n addi 3,3,1\n1: addi 4,4,1"),
              ("bdnzt", "bdnzt 2,1f\n addi 3,3,1\n1: addi 4,4,1"),
              ("bdzf", "bdzf 1,1f\n addi 3,3,1\n1: addi 4,4,1")]
    ctrs = [0, 1, 2, M64, 1 << 32, (1 << 32) + 1, 1 << 63, rand64()]
    for name, body in bodies:
        for ctr in ctrs:
            CASES.append(Case(name, body, {}, ctr=ctr))
    for v in EDGES + MORE_EDGES:
        CASES.append(Case("mtxer", "mtxer 5\n mfxer 3", {5: v}))
        CASES.append(Case("mtcrf", "mtcrf 0x81,5\n mfcr 3", {5: v}))
        CASES.append(Case("mtctr", "mtctr 5\n mfctr 3", {5: v}))
        CASES.append(Case("mtctr bdnz", "mtctr 5\n bdnz 1f\n addi 3,3,1\n1: mfctr 4", {5: v}))
        CASES.append(Case("mtlr", "mtlr 5\n mflr 3", {5: v}))


def build():
    binary(["add", "add.", "addo", "addo.", "addc", "addc.", "addco", "addco.", "adde", "adde.", "addeo",
            "addeo.", "subf", "subf.", "subfo", "subfo.", "subfc", "subfc.", "subfco", "subfe", "subfe.",
            "subfeo", "mulld", "mulld.", "mulldo", "mulldo.", "mulhd", "mulhd.", "mulhdu", "mulhdu.",
            "mullw", "mullw.", "mullwo", "mullwo.", "mulhw", "mulhw.", "mulhwu", "mulhwu.", "and.", "or.", "xor.", "nand.", "nor.", "eqv.", "andc.",
            "orc."])
    shifts(["sld", "sld.", "srd", "srd.", "slw", "slw.", "srw", "srw.", "sraw", "sraw."])
    unary(["addze", "addze.", "addzeo", "addme", "addmeo", "subfze", "subfzeo", "subfme", "subfmeo",
           "neg", "neg.", "nego", "nego.", "extsw", "extsw.", "extsb", "extsb.", "extsh", "extsh.", "cntlzd", "cntlzd.",
           "cntlzw", "cntlzw."])
    immediate(["addi 3,4,-1", "addis 3,4,0x7fff", "addic 3,4,1", "addic 3,4,-1", "addic. 3,4,-1",
               "addic. 3,4,0", "subfic 3,4,0", "subfic 3,4,-1", "subfic 3,4,5", "mulli 3,4,-3",
               "mulli 3,4,0x7fff", "andi. 3,4,0xffff", "andis. 3,4,0x8000", "ori 3,4,0xffff",
               "xoris 3,4,0x8000"])
    compares()
    memory()
    rotates()
    counter()


def source(le):
    out = []
    if le:
        out += ["\t.abiversion 2", "\t.globl _start", "\t.text", "_start:"]
    else:
        out += ["\t.globl _start", "\t.section .opd,\"aw\"", "\t.balign 8",
                "_start:\t.quad .Lentry, .TOC.@tocbase, 0", "\t.text", ".Lentry:"]
    out += ["text_base:",
            "\tlis 29,inputs@ha", "\taddi 29,29,inputs@l",
            "\tlis 30,outputs@ha", "\taddi 30,30,outputs@l",
            "\tlis 31,scratch@ha", "\taddi 31,31,scratch@l"]
    for i, c in enumerate(CASES):
        for k in range(8):
            out += [f"\tld 0,{88 + 8 * k}(29)", f"\tstd 0,{8 * k}(31)"]
        out += ["\tld 0,64(29)", "\tmtcrf 0xff,0", "\tld 0,72(29)", "\tmtxer 0", "\tld 0,80(29)", "\tmtctr 0"]
        out += [f"\tld {3 + k},{8 * k}(29)" for k in range(NREGS)]
        out += [f"body_{i}:"] + ["\t" + line.strip() for line in c.body.split("\n")] + [f"end_{i}:"]
        out += [f"\tstd {3 + k},{8 * k}(30)" for k in range(NREGS)]
        out += ["\tmfcr 0", "\tstd 0,64(30)", "\tmfxer 0", "\tstd 0,72(30)", "\tmfctr 0", "\tstd 0,80(30)"]
        for k in range(8):
            out += [f"\tld 0,{8 * k}(31)", f"\tstd 0,{88 + 8 * k}(30)"]
        out += [f"\taddi 29,29,{REC}", f"\taddi 30,30,{REC}"]
    size = REC * len(CASES)
    out += ["\tli 0,4", "\tli 3,1", "\tlis 4,outputs@ha", "\taddi 4,4,outputs@l",
            f"\tlis 5,{size >> 16}", f"\tori 5,5,{size & 0xffff}", "\tsc",
            "\tli 0,1", "\tli 3,0", "\tsc"]
    out += ["\t.section .scratch,\"aw\"", "\t.balign 64", "scratch:\t.space 64", "\t.data", "\t.balign 8", "inputs:"]
    for c in CASES:
        out += ["\t.quad " + ",".join(f"0x{v:x}" for v in c.inputs())]
        out += ["\t.byte " + ",".join(str(b) for b in (c.mem or bytes(64)))]
    out += ["\t.bss", "\t.balign 8", f"outputs:\t.space {size}"]
    return "\n".join(out) + "\n"


def run(cmd, log, **kw):
    log.append(" ".join(cmd).replace(WORK[0], "$WORK"))
    done = subprocess.run(cmd, capture_output=True, **kw)
    if done.returncode != 0:
        sys.exit("gen.py: %s failed:\n%s" % (cmd[0], done.stderr.decode()[:2000]))
    return done.stdout


def measure(le, tmp, log):
    p = "powerpc64le-linux-gnu" if le else "powerpc64-linux-gnu"
    name = "ppc64le" if le else "ppc64"
    s, o, elf, text = (tmp / f"{name}{x}" for x in (".S", ".o", ".elf", ".text"))
    s.write_text(source(le))
    run([f"{p}-as", "-a64", "-mlittle" if le else "-mbig", "-mpower8", "-o", str(o), str(s)], log)
    run([f"{p}-ld", "-static", "--section-start=.scratch=0x%x" % SCRATCH, "-o", str(elf), str(o)], log)
    syms = {}
    for line in run([f"{p}-nm", str(elf)], log).decode().splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    assert syms["scratch"] == SCRATCH
    run([f"{p}-objcopy", "-O", "binary", "-j", ".text", str(elf), str(text)], log)
    code = text.read_bytes()
    raw = run([f"qemu-{name}", str(elf)], log)
    assert len(raw) == REC * len(CASES), (len(raw), REC * len(CASES))
    order = "little" if le else "big"
    results = []
    for i in range(len(CASES)):
        rec = raw[i * REC:(i + 1) * REC]
        vals = [int.from_bytes(rec[8 * k:8 * k + 8], order) for k in range(NREGS + 3)]
        b0, b1 = syms[f"body_{i}"] - syms["text_base"], syms[f"end_{i}"] - syms["text_base"]
        results.append((code[b0:b1], vals, rec[88:]))
    return results


def hexs(vals, before=None):
    """Hex values; with {@code before}, '.' for a value equal to the input."""
    return " ".join("." if before and v == before[k] else f"{v:x}" for k, v in enumerate(vals))


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: gen.py OUTPUT_FILE REGEN_SCRIPT")
    build()
    log = []
    with tempfile.TemporaryDirectory(prefix="ppc64-qemu-") as d:
        WORK[0] = d
        be = measure(False, Path(d), log)
        le = measure(True, Path(d), log)
    binutils = subprocess.run(["powerpc64-linux-gnu-as", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    lines = ["# regenerate: %s   (gen.py ran these commands, $WORK a temporary directory; %s):" % (sys.argv[2], binutils)]
    lines += ["#   " + cmd for cmd in log]
    lines += ["# %s (%s); seed 0x%x; scratch memory at 0x%x" % (
        subprocess.run(["qemu-ppc64", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
        "qemu-ppc64le alike", SEED, SCRATCH)]
    lines += ["# name|asm|be-bytes|le-bytes|r3..r10 cr xer ctr in|mem in|be out ('.' = unchanged)|be mem|le out ('=' = as be)|le mem"]
    for c, (bcode, bout, bmem), (lcode, lout, lmem) in zip(CASES, be, le):
        memory_case = c.mem is not None
        if not memory_case:
            assert bmem == bytes(64) and lmem == bytes(64), c.name
        mem = lambda b: b.hex() if memory_case else "-"
        lines.append("|".join([c.name, c.body.replace("\n", ";").replace("  ", " "), bcode.hex(), lcode.hex(),
                               hexs(c.inputs()), mem(c.mem or b""), hexs(bout, c.inputs()), mem(bmem),
                               "=" if lout == bout else hexs(lout, c.inputs()), mem(lmem)]))
    Path(sys.argv[1]).write_text("\n".join(lines) + "\n")
    print(f"{len(CASES)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
