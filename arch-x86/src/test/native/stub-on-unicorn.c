/*
 * Development check, not part of the Maven build: runs relocate_kernel_x86_64 on Unicorn 2.0.1
 * directly (C, no JNA) with a two-page indirection list and prints what the oracle would check.
 *
 *   d=$(mktemp -d) && gcc -O1 -o $d/stub-on-unicorn stub-on-unicorn.c -lunicorn
 *   $d/stub-on-unicorn ../resources/golden/x86_64/relocate_kernel_x86_64.bin 0   # plain copy
 *   $d/stub-on-unicorn ../resources/golden/x86_64/relocate_kernel_x86_64.bin 1   # preserve context (swap)
 *
 * The stub is position-independent (RIP-relative data), so the origin-0 golden bytes run at any
 * control page. List: head = 0x100000|IND, [DEST 0x200000, SRC 0x300000, SRC 0x301000, 0 (skipped),
 * IND 0x101000] -> [DEST 0x400000, SRC 0x302000, DONE]. Every line should print 1 and "nonzero regs: 0".
 */
#include <unicorn/unicorn.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#define CTRL 0x7f000ULL
#define START 0x200000ULL
static uint8_t page[4096];
static void fill(uc_engine *uc, uint64_t a, int v){ memset(page, v, 4096); for(int i=0;i<4096;i+=8) page[i]=(uint8_t)(a>>12); uc_mem_write(uc,a,page,4096);}
static int check(uc_engine *uc, uint64_t a, int v, uint64_t origin){ uint8_t b[4096]; uc_mem_read(uc,a,b,4096); return b[0]==(uint8_t)(origin>>12) && b[1]==v; }
int main(int argc,char**argv){
  int preserve = argc>2 && atoi(argv[2]);
  FILE*f=fopen(argv[1],"rb"); uint8_t stub[4096]={0}; size_t n=fread(stub,1,4096,f); fclose(f);
  uint64_t cr3=0x500000, swap=0x600000; memcpy(stub+0x800,&cr3,8); memcpy(stub+0x808,&swap,8);
  uc_engine*uc; if(uc_open(UC_ARCH_X86,UC_MODE_64,&uc)) return 2;
  uc_mem_map(uc,0,16<<20,UC_PROT_ALL);
  uc_mem_write(uc,CTRL,stub,n);
  uint64_t ind1[512]={0}, ind2[512]={0};
  ind1[0]=0x200000|1; ind1[1]=0x300000|8; ind1[2]=0x301000|8; ind1[3]=0; ind1[4]=0x101000|2;
  ind2[0]=0x400000|1; ind2[1]=0x302000|8; ind2[2]=4;
  uc_mem_write(uc,0x100000,ind1,4096); uc_mem_write(uc,0x101000,ind2,4096);
  fill(uc,0x300000,0x11); fill(uc,0x301000,0x22); fill(uc,0x302000,0x33);
  fill(uc,0x200000,0xa0); fill(uc,0x201000,0xa1); fill(uc,0x400000,0xa2);
  uint64_t v; int r;
  v=0x100000|2; uc_reg_write(uc,UC_X86_REG_RDI,&v); v=CTRL; uc_reg_write(uc,UC_X86_REG_RSI,&v);
  v=START; uc_reg_write(uc,UC_X86_REG_RDX,&v); v=preserve; uc_reg_write(uc,UC_X86_REG_RCX,&v);
  v=0x90000; uc_reg_write(uc,UC_X86_REG_RSP,&v); v=0x1234; uc_reg_write(uc,UC_X86_REG_RBX,&v);

  r=uc_emu_start(uc,CTRL,START,0,0); printf("emu: %s\n",uc_strerror(r));
  uint64_t rip; uc_reg_read(uc,UC_X86_REG_RIP,&rip); printf("rip=%llx\n",(unsigned long long)rip);
  int regs[]={UC_X86_REG_RAX,UC_X86_REG_RBX,UC_X86_REG_RCX,UC_X86_REG_RDX,UC_X86_REG_RSI,UC_X86_REG_RDI,UC_X86_REG_RBP,UC_X86_REG_R8,UC_X86_REG_R9,UC_X86_REG_R10,UC_X86_REG_R11,UC_X86_REG_R12,UC_X86_REG_R13,UC_X86_REG_R14,UC_X86_REG_R15};
  int nz=0; for(int i=0;i<15;i++){uc_reg_read(uc,regs[i],&v); if(v) {printf("reg %d = %llx\n",i,(unsigned long long)v); nz++;}}
  uc_reg_read(uc,UC_X86_REG_RSP,&v); printf("rsp=%llx\n",(unsigned long long)v);
  uc_reg_read(uc,UC_X86_REG_EFLAGS,&v); printf("eflags=%llx\n",(unsigned long long)v);
  uc_reg_read(uc,UC_X86_REG_CR3,&v); printf("cr3=%llx\n",(unsigned long long)v);
  uc_reg_read(uc,UC_X86_REG_CR4,&v); printf("cr4=%llx\n",(unsigned long long)v);
  uc_mem_read(uc,CTRL+0x810,&v,8); printf("saved rsp=%llx\n",(unsigned long long)v);
  uc_mem_read(uc,CTRL+0x830,&v,8); printf("saved rbx=%llx\n",(unsigned long long)v);
  printf("dest 0x200000 <- 0x300000: %d\n",check(uc,0x200000,0x11,0x300000));
  printf("dest 0x201000 <- 0x301000: %d\n",check(uc,0x201000,0x22,0x301000));
  printf("dest 0x400000 <- 0x302000: %d\n",check(uc,0x400000,0x33,0x302000));
  if(preserve){
    printf("src 0x300000 <- old 0x200000: %d\n",check(uc,0x300000,0xa0,0x200000));
    printf("src 0x302000 <- old 0x400000: %d\n",check(uc,0x302000,0xa2,0x400000));
  } else printf("src 0x300000 unchanged: %d\n",check(uc,0x300000,0x11,0x300000));
  printf("nonzero regs: %d\n",nz);
  return 0;
}
