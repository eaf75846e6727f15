/*
 * A machine dumped by the Java benchmarks (org.kexeclab.bench.MachineDump), run by Unicorn from C.
 * File format, all integers little-endian:
 *   "KXLABDMP"  u32 uc_arch  u32 uc_mode  u32 pc (uc_reg_id)  u32 word_size (4 or 8)  u32 nregs
 *   u64 begin  u64 until  u64 ram_size
 *   nregs x { u32 uc_reg_id, u32 0, u64 value }
 *   u32 n x { u64 address, u64 length, bytes }   prepared memory (non-zero runs)
 *   u32 n x { u64 address, u64 length, bytes }   pages a run changes, their original contents
 * RAM [0, ram_size) is mapped read/write/execute, as the Java binding maps it.
 */
#include <stdint.h>

typedef struct { uint64_t addr, len; unsigned char *bytes; } kh_run_t;

typedef struct {
    uc_engine *uc;
    uc_context *start;
    uint32_t arch, mode, pc, word;
    uint64_t begin, until;
    uint32_t nrestore;
    kh_run_t *restore;
} kh_machine;

static int rd(FILE *f, void *p, size_t n) { return fread(p, 1, n, f) == n ? 0 : -1; }

static int read_runs(FILE *f, uint32_t *n, kh_run_t **runs) {
    if (rd(f, n, 4)) return -1;
    *runs = calloc(*n ? *n : 1, sizeof(kh_run_t));
    for (uint32_t i = 0; i < *n; i++) {
        kh_run_t *r = &(*runs)[i];
        if (rd(f, &r->addr, 8) || rd(f, &r->len, 8)) return -1;
        r->bytes = malloc(r->len);
        if (rd(f, r->bytes, r->len)) return -1;
    }
    return 0;
}

static void free_runs(uint32_t n, kh_run_t *runs) {
    for (uint32_t i = 0; i < n; i++) free(runs[i].bytes);
    free(runs);
}

/* Writes only registers whose value differs from a fresh CPU's: the same state, fewest writes. */
static int load_registers(FILE *f, uc_engine *uc, uint32_t nregs, char *err, int errlen) {
    for (uint32_t i = 0; i < nregs; i++) {
        uint32_t id, pad;
        uint64_t value, now = 0;
        if (rd(f, &id, 4) || rd(f, &pad, 4) || rd(f, &value, 8)) return -1;
        if (uc_reg_read(uc, id, &now) == UC_ERR_OK && now == value) continue;
        uc_err e = uc_reg_write(uc, id, &value);
        if (e != UC_ERR_OK) {
            snprintf(err, errlen, "register %u = 0x%llx: %s", id, (unsigned long long)value, uc_strerror(e));
            return -2;
        }
    }
    return 0;
}

static int load(FILE *f, kh_machine *m, char *err, int errlen) {
    char magic[8];
    uint32_t nregs, ninit;
    uint64_t ram;
    kh_run_t *init;
    if (rd(f, magic, 8) || memcmp(magic, "KXLABDMP", 8) || rd(f, &m->arch, 4) || rd(f, &m->mode, 4)
        || rd(f, &m->pc, 4) || rd(f, &m->word, 4) || rd(f, &nregs, 4)
        || rd(f, &m->begin, 8) || rd(f, &m->until, 8) || rd(f, &ram, 8)) {
        snprintf(err, errlen, "not a kexec-lab machine dump");
        return -1;
    }
    uc_err e = uc_open((uc_arch)m->arch, (uc_mode)m->mode, &m->uc);
    if (e == UC_ERR_OK) e = uc_mem_map(m->uc, 0, ram, UC_PROT_ALL);
    if (e != UC_ERR_OK) { snprintf(err, errlen, "open/map: %s", uc_strerror(e)); return -1; }
    int r = load_registers(f, m->uc, nregs, err, errlen);
    if (r == -1) snprintf(err, errlen, "dump truncated in registers");
    if (r) return -1;
    if (read_runs(f, &ninit, &init)) { snprintf(err, errlen, "dump truncated in memory"); return -1; }
    for (uint32_t i = 0; i < ninit && e == UC_ERR_OK; i++) e = uc_mem_write(m->uc, init[i].addr, init[i].bytes, init[i].len);
    free_runs(ninit, init);
    if (e != UC_ERR_OK) { snprintf(err, errlen, "memory write: %s", uc_strerror(e)); return -1; }
    if (read_runs(f, &m->nrestore, &m->restore)) { snprintf(err, errlen, "dump truncated in restore pages"); return -1; }
    uc_context_alloc(m->uc, &m->start);
    uc_context_save(m->uc, m->start);
    return 0;
}

/* Opens the dump at path; NULL with a message in err on failure. */
kh_machine *kh_open(const char *path, char *err, int errlen) {
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "cannot open %s", path); return NULL; }
    kh_machine *m = calloc(1, sizeof *m);
    int r = load(f, m, err, errlen);
    fclose(f);
    if (r) {
        if (m->uc) uc_close(m->uc);
        free(m);
        return NULL;
    }
    return m;
}

/* Restores the registers and every page a run changes. */
int kh_restore(kh_machine *m) {
    uc_err e = uc_context_restore(m->uc, m->start);
    for (uint32_t i = 0; i < m->nrestore && e == UC_ERR_OK; i++)
        e = uc_mem_write(m->uc, m->restore[i].addr, m->restore[i].bytes, m->restore[i].len);
    return e;
}

/* Runs the stub from its first instruction to the entry; returns the uc_err. */
int kh_run(kh_machine *m) {
    return uc_emu_start(m->uc, m->begin, m->until, 0, 0);
}

/* The program counter (where the last run stopped). */
uint64_t kh_pc(kh_machine *m) {
    uint64_t v = 0;
    uc_reg_read(m->uc, (int)m->pc, &v);
    return m->word == 4 ? (v & 0xffffffffULL) : v;
}

/* FNV-1a 64 of guest memory [addr, addr + len), to prove C and Java ran the same relocation. */
uint64_t kh_hash(kh_machine *m, uint64_t addr, uint64_t len) {
    unsigned char buf[4096];
    uint64_t h = 0xcbf29ce484222325ULL;
    for (uint64_t done = 0; done < len; done += sizeof buf) {
        uint64_t n = len - done < sizeof buf ? len - done : sizeof buf;
        if (uc_mem_read(m->uc, addr + done, buf, n) != UC_ERR_OK) return 0;
        for (uint64_t i = 0; i < n; i++) h = (h ^ buf[i]) * 0x100000001b3ULL;
    }
    return h;
}

void kh_close(kh_machine *m) {
    uc_context_free(m->start);
    uc_close(m->uc);
    free_runs(m->nrestore, m->restore);
    free(m);
}

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

/* harness image FILE [runs]: restore and run time per run, measured apart. */
static int image_main(int argc, char **argv) {
    char err[256];
    long runs = argc > 1 ? atol(argv[1]) : 100;
    kh_machine *m = kh_open(argv[0], err, sizeof err);
    if (!m) { fprintf(stderr, "harness: %s\n", err); return 1; }
    double restore = 0, run = 0;
    for (long i = 0; i < runs / 10 + 1; i++) { kh_restore(m); kh_run(m); }
    for (long i = 0; i < runs; i++) {
        double t0 = now_ns();
        kh_restore(m);
        double t1 = now_ns();
        int e = kh_run(m);
        run += now_ns() - t1;
        restore += t1 - t0;
        if (e != UC_ERR_OK || kh_pc(m) != m->until) {
            fprintf(stderr, "harness: run %ld stopped at 0x%llx (%s), not at the entry\n", i,
                    (unsigned long long)kh_pc(m), uc_strerror(e));
            return 1;
        }
    }
    printf("image %s  runs %ld  restore %.0f ns per run  relocate %.0f ns per run\n", argv[0], runs,
           restore / runs, run / runs);
    kh_close(m);
    return 0;
}
