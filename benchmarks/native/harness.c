/*
 * The C baseline for CopyLoopBenchmark: the same AArch64 copy loop, run the same way
 * (three uc_reg_write + one uc_emu_start per run, no hooks) against the same libunicorn.
 * Usage: harness [pages=4] [runs=20000] -> prints "ns per run" after a warm-up of runs/10.
 *
 * Second mode, NativeBaseline's: harness image FILE [runs=100] loads a machine dumped by the
 * Java benchmarks (prepared guest RAM, registers, stub bounds, the pages a run changes; see
 * image.c) and runs that exact relocation. The same code, built as libkexecharness.so, is
 * driven from JMH through kh_open/kh_restore/kh_run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicorn/unicorn.h>

#define CODE 0x10000ULL
#define SRC 0x100000ULL
#define DST 0x200000ULL

/* From golden-as arm64 (the same bytes as benchmarks/native/copy_loop.txt, which CopyLoopBenchmark runs). */
static const unsigned char COPY_LOOP[] = {
    0x03, 0x10, 0xc1, 0xa8, /* ldp x3, x4, [x0], #16 */
    0x23, 0x10, 0x81, 0xa8, /* stp x3, x4, [x1], #16 */
    0x42, 0x40, 0x00, 0xf1, /* subs x2, x2, #16 */
    0xa1, 0xff, 0xff, 0x54, /* b.ne .-12 */
};

static void check(uc_err e, const char *what) {
    if (e != UC_ERR_OK) {
        fprintf(stderr, "%s: %s\n", what, uc_strerror(e));
        exit(1);
    }
}

static void run_once(uc_engine *uc, uint64_t bytes) {
    uint64_t src = SRC, dst = DST;
    check(uc_reg_write(uc, UC_ARM64_REG_X0, &src), "reg_write x0");
    check(uc_reg_write(uc, UC_ARM64_REG_X1, &dst), "reg_write x1");
    check(uc_reg_write(uc, UC_ARM64_REG_X2, &bytes), "reg_write x2");
    check(uc_emu_start(uc, CODE, CODE + sizeof COPY_LOOP, 0, 0), "emu_start");
}

#include "image.c"

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "image") == 0) return image_main(argc - 2, argv + 2);
    int pages = argc > 1 ? atoi(argv[1]) : 4;
    long runs = argc > 2 ? atol(argv[2]) : 20000;
    uint64_t bytes = (uint64_t)pages * 4096;
    uc_engine *uc;
    check(uc_open(UC_ARCH_ARM64, UC_MODE_ARM, &uc), "open");
    check(uc_mem_map(uc, CODE, 0x1000, UC_PROT_READ | UC_PROT_EXEC), "map code");
    check(uc_mem_map(uc, SRC, bytes, UC_PROT_READ | UC_PROT_WRITE), "map src");
    check(uc_mem_map(uc, DST, bytes, UC_PROT_READ | UC_PROT_WRITE), "map dst");
    check(uc_mem_write(uc, CODE, COPY_LOOP, sizeof COPY_LOOP), "write code");
    unsigned char *data = malloc(bytes);
    srand(3);
    for (uint64_t i = 0; i < bytes; i++) data[i] = (unsigned char)rand();
    check(uc_mem_write(uc, SRC, data, bytes), "write src");
    for (long i = 0; i < runs / 10; i++) run_once(uc, bytes);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (long i = 0; i < runs; i++) run_once(uc, bytes);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    unsigned maj, min;
    unsigned v = uc_version(&maj, &min);
    printf("unicorn %u.%u.%u  pages %d  runs %ld  %.0f ns per run  %.1f MB/s\n",
           maj, min, (v >> 8) & 0xff, pages, runs, ns / runs, bytes * runs / (ns / 1e9) / 1e6);
    check(uc_close(uc), "close");
    free(data);
    return 0;
}
