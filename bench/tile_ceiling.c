/*
 * What a GEMM register tile can reach on this core, with its operands in L1, written in assembly so that no compiler
 * spills or reorders it: the ceiling of the 4-row tile (VectorGemm.tile4, JDK 25's: 4 rows x 2 vectors of 8
 * floats, 8 accumulators, per step 2 vector loads of B and 4 broadcasts of A), beside the same tile with its loads
 * taken out and a 6-row tile (12 accumulators, 2 loads + 6 broadcasts per 12 FMAs), hand-written and as C2
 * (JDK 17) compiles VectorGemm.tile6.
 * AVX2 (ymm) only: on AVX-512 machines the Java tile is 8 x 2 zmm, which this file does not model.
 * Build and run:  gcc -O2 -mavx2 -mfma bench/tile_ceiling.c -o /tmp/tile_ceiling && /tmp/tile_ceiling
 * Prints GFLOP/s per tile (best of three runs), then one JSON line.
 */
#include <stdio.h>
#include <time.h>

static float A[4096] __attribute__((aligned(64))), B[8192] __attribute__((aligned(64)));
static float sink[8] __attribute__((aligned(64)));

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

#define ZERO(n) "vxorps %%ymm" #n ",%%ymm" #n ",%%ymm" #n "\n\t"
#define ZERO8 ZERO(0) ZERO(1) ZERO(2) ZERO(3) ZERO(4) ZERO(5) ZERO(6) ZERO(7)
/* One row of the tile: broadcast A's value into ymm X, two FMAs into the row's accumulators. */
#define ROW(x, off, c0, c1) "vbroadcastss " #off "(%0),%%ymm" #x "\n\t" \
    "vfmadd231ps %%ymm12,%%ymm" #x ",%%ymm" #c0 "\n\t vfmadd231ps %%ymm13,%%ymm" #x ",%%ymm" #c1 "\n\t"
#define ROWREG(x, c0, c1) "vfmadd231ps %%ymm12,%%ymm" #x ",%%ymm" #c0 "\n\t vfmadd231ps %%ymm13,%%ymm" #x ",%%ymm" #c1 "\n\t"
#define LOADB "vmovups (%1),%%ymm12\n\t vmovups 32(%1),%%ymm13\n\t"
#define STEP(a, b) "add $" #a ",%0\n\t add $" #b ",%1\n\t dec %2\n\t jnz 1b\n\t"
#define CLOBBER : "+r"(a), "+r"(b), "+r"(steps) : "r"(sink) : "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", \
    "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15"

enum { K = 256, CALLS = 200000 }; /* a 4 KB strip of A and a 16 KB panel of B: both stay in L1 */

static double tile4x2(void) {
    double t0 = now();
    for (long c = 0; c < CALLS; c++) {
        const float *a = A, *b = B;
        long steps = K;
        __asm__ volatile(ZERO8 "1:\n\t" LOADB ROW(8, 0, 0, 1) ROW(9, 4, 2, 3) ROW(10, 8, 4, 5) ROW(11, 12, 6, 7)
                         STEP(16, 64) "vmovups %%ymm0,(%3)\n\t" CLOBBER);
    }
    return (double) CALLS * K * 8 * 16 / (now() - t0) / 1e9;
}

static double tile4x2NoLoads(void) {
    double t0 = now();
    for (long c = 0; c < CALLS; c++) {
        const float *a = A, *b = B;
        long steps = K;
        __asm__ volatile(ZERO8 LOADB "vbroadcastss (%0),%%ymm8\n\t vbroadcastss 4(%0),%%ymm9\n\t"
                         "vbroadcastss 8(%0),%%ymm10\n\t vbroadcastss 12(%0),%%ymm11\n\t"
                         "1:\n\t" ROWREG(8, 0, 1) ROWREG(9, 2, 3) ROWREG(10, 4, 5) ROWREG(11, 6, 7)
                         STEP(16, 64) "vmovups %%ymm0,(%3)\n\t" CLOBBER);
    }
    return (double) CALLS * K * 8 * 16 / (now() - t0) / 1e9;
}

static double tile6x2(void) {
    double t0 = now();
    for (long c = 0; c < CALLS; c++) {
        const float *a = A, *b = B;
        long steps = K;
        __asm__ volatile(ZERO8 ZERO(8) ZERO(9) ZERO(10) ZERO(11) "1:\n\t" LOADB
                         ROW(14, 0, 0, 1) ROW(15, 4, 2, 3) ROW(14, 8, 4, 5) ROW(15, 12, 6, 7)
                         ROW(14, 16, 8, 9) ROW(15, 20, 10, 11)
                         STEP(24, 64) "vmovups %%ymm0,(%3)\n\t" CLOBBER);
    }
    return (double) CALLS * K * 12 * 16 / (now() - t0) / 1e9;
}

/*
 * The 6-row loop exactly as C2 (JDK 17) compiles VectorGemm.tile6 (tools/c2_loop.py --show, 2026-12-03): the same
 * 31 instructions in the same order, with its two range checks on B's index (never taken here) and its two index
 * registers. The distance from tile6x2 is what C2's code costs by itself, everything around the loop aside.
 */
static double tile6x2AsC2(void) {
    double t0 = now();
    for (long c = 0; c < CALLS; c++) {
        long q = 0, off = 0, bound = 8192 - 8, last = 6L * K;
        __asm__ volatile(ZERO8 ZERO(8) ZERO(9) ZERO(10) ZERO(11) ZERO(12) ZERO(13)
                         "1:\n\t"
                         "cmp %k[bound],%k[off]\n\t jae 9f\n\t"
                         "vmovdqu (%[b],%[off],4),%%ymm14\n\t"
                         "mov %k[off],%%eax\n\t add $8,%%eax\n\t cmp %k[bound],%%eax\n\t jae 9f\n\t"
                         "vmovdqu 32(%[b],%[off],4),%%ymm15\n\t"
                         "vbroadcastss (%[a],%[q],4),%%ymm0\n\t"
                         "vfmadd231ps %%ymm15,%%ymm0,%%ymm12\n\t vfmadd231ps %%ymm14,%%ymm0,%%ymm13\n\t"
                         "add $16,%k[off]\n\t"
                         "movslq %k[q],%%rax\n\t"
                         "vbroadcastss 20(%[a],%%rax,4),%%ymm0\n\t vbroadcastss 4(%[a],%%rax,4),%%ymm1\n\t"
                         "vfmadd231ps %%ymm14,%%ymm0,%%ymm3\n\t vfmadd231ps %%ymm14,%%ymm1,%%ymm11\n\t"
                         "vfmadd231ps %%ymm15,%%ymm1,%%ymm10\n\t vfmadd231ps %%ymm15,%%ymm0,%%ymm2\n\t"
                         "vbroadcastss 8(%[a],%%rax,4),%%ymm0\n\t vbroadcastss 12(%[a],%%rax,4),%%ymm1\n\t"
                         "vfmadd231ps %%ymm14,%%ymm0,%%ymm9\n\t vfmadd231ps %%ymm14,%%ymm1,%%ymm7\n\t"
                         "vfmadd231ps %%ymm15,%%ymm1,%%ymm6\n\t vfmadd231ps %%ymm15,%%ymm0,%%ymm8\n\t"
                         "vbroadcastss 16(%[a],%%rax,4),%%ymm0\n\t"
                         "vfmadd231ps %%ymm15,%%ymm0,%%ymm4\n\t vfmadd231ps %%ymm14,%%ymm0,%%ymm5\n\t"
                         "add $6,%k[q]\n\t cmp %k[last],%k[q]\n\t jl 1b\n\t"
                         "9:\n\t vmovups %%ymm2,(%[sink])\n\t"
                         : [q] "+r"(q), [off] "+r"(off)
                         : [a] "r"(A), [b] "r"(B), [bound] "r"(bound), [last] "r"(last), [sink] "r"(sink)
                         : "rax", "memory", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8",
                           "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14", "xmm15");
        if (off != 16L * K) return 0; /* a range check was taken: the loop did not run to its end */
    }
    return (double) CALLS * K * 12 * 16 / (now() - t0) / 1e9;
}

static double best(double (*f)(void)) {
    double b = 0;
    for (int r = 0; r < 3; r++) {
        double g = f();
        if (g > b) b = g;
    }
    return b;
}

int main(void) {
    double t42 = best(tile4x2), free42 = best(tile4x2NoLoads), t62 = best(tile6x2), c2 = best(tile6x2AsC2);
    printf("4x2 tile (JDK 25's), loads from L1:   %.1f GFLOP/s\n", t42);
    printf("4x2 tile, no loads in the loop:          %.1f GFLOP/s\n", free42);
    printf("6x2 tile (12 accumulators), loads:       %.1f GFLOP/s\n", t62);
    printf("6x2 tile as C2 (JDK 17) compiles it:     %.1f GFLOP/s\n", c2);
    printf("{\"tile4x2_gflops\": %.1f, \"tile4x2_noload_gflops\": %.1f, \"tile6x2_gflops\": %.1f, "
           "\"tile6x2_c2_gflops\": %.1f}\n", t42, free42, t62, c2);
    return 0;
}
