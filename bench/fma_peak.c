/*
 * This machine's float32 FMA ceiling per core, for docs/benchmarks.md: twelve independent 256-bit FMA chains
 * (enough to cover the FMA latency on two FMA pipes), written in assembly so no compiler can drop or spill them.
 * Build and run:  gcc -O2 -mavx2 -mfma bench/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
 * Two copies at once (/tmp/fma_peak & /tmp/fma_peak) show the two-core ceiling.
 */
#include <stdio.h>
#include <time.h>

int main(void) {
    const long iterations = 200000000;
    for (int rep = 0; rep < 4; rep++) {
        struct timespec t0, t1;
        long it = iterations;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        __asm__ volatile(
            "vxorps %%ymm0,%%ymm0,%%ymm0\n\t"
            "vmovaps %%ymm0,%%ymm1\n\t vmovaps %%ymm0,%%ymm2\n\t vmovaps %%ymm0,%%ymm3\n\t"
            "vmovaps %%ymm0,%%ymm4\n\t vmovaps %%ymm0,%%ymm5\n\t vmovaps %%ymm0,%%ymm6\n\t"
            "vmovaps %%ymm0,%%ymm7\n\t vmovaps %%ymm0,%%ymm8\n\t vmovaps %%ymm0,%%ymm9\n\t"
            "vmovaps %%ymm0,%%ymm10\n\t vmovaps %%ymm0,%%ymm11\n\t"
            "1:\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm0\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm1\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm2\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm3\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm4\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm5\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm6\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm7\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm8\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm9\n\t"
            "vfmadd231ps %%ymm14,%%ymm15,%%ymm10\n\t vfmadd231ps %%ymm14,%%ymm15,%%ymm11\n\t"
            "dec %0\n\t jnz 1b\n\t"
            : "+r"(it)
            :
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11");
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* 12 FMAs per iteration, 8 lanes each, 2 FLOPs per lane */
        printf("%.1f GFLOP/s\n", iterations * 12.0 * 8 * 2 / seconds / 1e9);
    }
    return 0;
}
