/*
 * Which PowerPC SPR accesses kill Unicorn 2.0.1 (docs/RELIABILITY.md, finding 3)? Runs mfspr, mtspr
 * and mftb of every SPR number 0..1023 (rD/rS = r3), one instruction per forked child, and prints
 * the forms whose child died of a signal.
 *   d=$(mktemp -d) && gcc -O2 -o $d/spr-probe scripts/unicorn-ppc-spr-probe.c -lunicorn   (needs libunicorn-dev)
 *   $d/spr-probe 32 sup | sort -u      (or: 32 user, 64 sup, 64 user; about 25 s each)
 */
#include <unicorn/unicorn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static int bits, user;

static int run(unsigned word) {
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        uc_engine *uc;
        int mode = (bits == 64 ? UC_MODE_PPC64 : UC_MODE_PPC32) | UC_MODE_BIG_ENDIAN;
        if (uc_open(UC_ARCH_PPC, mode, &uc)) _exit(3);
        uc_mem_map(uc, 0x10000, 0x1000, UC_PROT_ALL);
        unsigned char b[4] = {word >> 24, word >> 16, word >> 8, word};
        uc_mem_write(uc, 0x10000, b, 4);
        if (user) {
            uint64_t msr = 0;
            uc_reg_read(uc, UC_PPC_REG_MSR, &msr);
            msr |= 1ull << 14; /* MSR[PR] */
            uc_reg_write(uc, UC_PPC_REG_MSR, &msr);
        }
        uc_emu_start(uc, 0x10000, 0x10004, 0, 1);
        _exit(0);
    }
    int st;
    waitpid(p, &st, 0);
    return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

static unsigned enc(unsigned xo, unsigned spr) {
    return (31u << 26) | (3u << 21) | ((spr & 0x1f) << 16) | (((spr >> 5) & 0x1f) << 11) | (xo << 1);
}

int main(int argc, char **argv) {
    bits = atoi(argv[1]);
    user = strcmp(argv[2], "user") == 0;
    const char *names[] = {"mfspr", "mtspr", "mftb"};
    unsigned xos[] = {339, 467, 371};
    for (int f = 0; f < 3; f++) {
        for (unsigned n = 0; n < 1024; n++) {
            unsigned w = enc(xos[f], n);
            int sig = run(w);
            if (sig) printf("crash %s %u %08x sig%d\n", names[f], n, w, sig);
        }
        fflush(stdout);
    }
    printf("done\n");
    return 0;
}
