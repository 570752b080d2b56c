/*
 * This machine's float32 FMA ceiling per core, for docs/benchmarks.md: twelve independent FMA chains (enough to
 * cover the FMA latency on two FMA pipes) on the widest vectors the compiler is allowed (-march=native: 512-bit zmm
 * with AVX-512, else 256-bit ymm), written in assembly so no compiler can drop or spill them.
 * Build and run:  gcc -O2 -march=native bench/fma_peak.c -o /tmp/fma_peak && /tmp/fma_peak
 * Two copies at once (/tmp/fma_peak & /tmp/fma_peak) show the two-core ceiling. The last line is JSON (the best of
 * four runs), read by bench/side_by_side.sh.
 */
#include <stdio.h>
#include <time.h>

#ifdef __AVX512F__
#define R(n) "%%zmm" #n
#define LANES 16
#else
#define R(n) "%%ymm" #n
#define LANES 8
#endif
#define FMA(n) "vfmadd231ps " R(14) "," R(15) "," R(n) "\n\t"
#define COPY(n) "vmovaps " R(0) "," R(n) "\n\t"

int main(void) {
    const long iterations = 200000000;
    double best = 0;
    for (int rep = 0; rep < 4; rep++) {
        struct timespec t0, t1;
        long it = iterations;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        __asm__ volatile(
            "vxorps " R(0) "," R(0) "," R(0) "\n\t"
            COPY(1) COPY(2) COPY(3) COPY(4) COPY(5) COPY(6) COPY(7) COPY(8) COPY(9) COPY(10) COPY(11)
            COPY(14) COPY(15)
            "1:\n\t"
            FMA(0) FMA(1) FMA(2) FMA(3) FMA(4) FMA(5) FMA(6) FMA(7) FMA(8) FMA(9) FMA(10) FMA(11)
            "dec %0\n\t jnz 1b\n\t"
            : "+r"(it)
            :
            : "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11",
              "xmm14", "xmm15");
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        /* 12 FMAs per iteration, LANES lanes each, 2 FLOPs per lane */
        double gflops = iterations * 12.0 * LANES * 2 / seconds / 1e9;
        printf("%.1f GFLOP/s\n", gflops);
        if (gflops > best) best = gflops;
    }
    printf("{\"fma_peak_gflops\": %.1f, \"lanes\": %d}\n", best, LANES);
    return 0;
}
