/*
 * mlp4j's GEMM algorithm (VectorGemm) with the register tile written in assembly: what the same loops reach when no
 * JIT compiler is involved. A is packed once into 6-row strips (the last strip moved up to end at row m), then for
 * each 16-column panel of B: the panel is packed (as packPanel does: 16 contiguous floats per row of B for A·B, a
 * transposing copy of 16 rows of W in blocks of 128 for A·Wᵀ) and every strip runs the 6 x 2 tile over all of k.
 * "prepacked" skips B's packing (mlp4j's path for a model's packed weights). Arrays start 16 bytes into a cache
 * line, as a Java float[]'s data does. One core, AVX2 (ymm): on AVX-512 machines mlp4j's tile is 8 x 2 zmm, which
 * this file does not model.
 * Build and run:  gcc -O2 -mavx2 -mfma bench/gemm_ceiling.c -o /tmp/gemm_ceiling && /tmp/gemm_ceiling
 * Prints one JSON line per form and shape (GFLOP/s, best of three); exits 1, naming the form, if a product differs from
 * the same sums in double at sampled elements (a wrong tile would otherwise report a speed).
 */
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

#define ZERO(n) "vxorps %%ymm" #n ",%%ymm" #n ",%%ymm" #n "\n\t"
#define ROW(x, off, c0, c1) "vbroadcastss " #off "(%0),%%ymm" #x "\n\t" \
    "vfmadd231ps %%ymm12,%%ymm" #x ",%%ymm" #c0 "\n\t vfmadd231ps %%ymm13,%%ymm" #x ",%%ymm" #c1 "\n\t"
#define STORE(c0, c1) "vmovups %%ymm" #c0 ",(%3)\n\t vmovups %%ymm" #c1 ",32(%3)\n\t lea (%3,%4,4),%3\n\t"

/* C[6 x 16] (row stride ldc) = strip (k steps of 6 floats) x panel (k rows of 16 floats). */
static void tile(const float *a, const float *b, long k, float *c, long ldc) {
    __asm__ volatile(ZERO(0) ZERO(1) ZERO(2) ZERO(3) ZERO(4) ZERO(5) ZERO(6) ZERO(7) ZERO(8) ZERO(9) ZERO(10) ZERO(11)
                     "1:\n\t vmovups (%1),%%ymm12\n\t vmovups 32(%1),%%ymm13\n\t"
                     ROW(14, 0, 0, 1) ROW(15, 4, 2, 3) ROW(14, 8, 4, 5) ROW(15, 12, 6, 7) ROW(14, 16, 8, 9)
                     ROW(15, 20, 10, 11)
                     "add $24,%0\n\t add $64,%1\n\t dec %2\n\t jnz 1b\n\t"
                     STORE(0, 1) STORE(2, 3) STORE(4, 5) STORE(6, 7) STORE(8, 9) STORE(10, 11)
                     : "+r"(a), "+r"(b), "+r"(k), "+r"(c) : "r"(ldc) : "memory", "xmm0", "xmm1", "xmm2", "xmm3",
                       "xmm4", "xmm5", "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11", "xmm12", "xmm13", "xmm14",
                       "xmm15");
}

enum { PREPACKED, ROWS, TRANSPOSED };
static const char *FORMS[] = {"prepacked", "ab", "abt"};

static float *javaArray(long n) { /* data 16 bytes into a 64-byte line, like a float[] */
    float *p = (float *) ((char *) aligned_alloc(64, (4 * n + 16 + 63) / 64 * 64) + 16);
    /* a hash, not a short period: with one that divides k, every row of A would be the same */
    for (long i = 0; i < n; i++) p[i] = (float) ((unsigned) (i * 2654435761u) >> 20) / 4096.0f - 0.5f;
    return p;
}

static long stripRow(long m, long s) { return s * 6 < m - 6 ? s * 6 : m - 6; }

/* C[m x n] = A[m x k] (row-major) x B: B[k x n] row-major (ab), or W[n x k] row-major (abt), or W's panels packed. */
static void gemm(int form, const float *a, const float *b, const float *packed, float *pa, float *panel, float *c,
                 long m, long n, long k) {
    long strips = (m + 5) / 6;
    for (long s = 0; s < strips; s++) /* A packed row by row, as packStrip does */
        for (long r = 0, i = stripRow(m, s); r < 6; r++)
            for (long p = 0; p < k; p++) pa[s * 6 * k + p * 6 + r] = a[(i + r) * k + p];
    for (long j0 = 0; j0 < n; j0 += 16) {
        const float *bp = panel;
        if (form == PREPACKED) {
            bp = packed + j0 * k;
        } else if (form == ROWS) {
            for (long p = 0; p < k; p++) {
                _mm256_storeu_ps(panel + p * 16, _mm256_loadu_ps(b + p * n + j0));
                _mm256_storeu_ps(panel + p * 16 + 8, _mm256_loadu_ps(b + p * n + j0 + 8));
            }
        } else {
            for (long p0 = 0; p0 < k; p0 += 128)
                for (long j = 0; j < 16; j++)
                    for (long p = p0; p < p0 + 128 && p < k; p++) panel[p * 16 + j] = b[(j0 + j) * k + p];
        }
        for (long s = 0; s < strips; s++) tile(pa + s * 6 * k, bp, k, c + stripRow(m, s) * n + j0, n);
    }
}

/* W's panels as multiply reads them prepacked (PackedWeights): panel q holds rows 16q.. of W as k rows of 16 */
static void packAll(const float *w, long n, long k, float *packed) {
    for (long j = 0; j < n; j++)
        for (long p = 0; p < k; p++) packed[j / 16 * 16 * k + p * 16 + j % 16] = w[j * k + p];
}

/* C against the sums in double at 97 sampled elements: B is k x n for ab, W (n x k) otherwise. */
static int wrong(int form, const float *a, const float *b, const float *c, long m, long n, long k) {
    for (long t = 0; t < 97; t++) {
        long i = t * 7919 % m, j = t * 104729 % n;
        double sum = 0, mag = 0;
        for (long p = 0; p < k; p++) {
            double x = (double) a[i * k + p] * (form == ROWS ? b[p * n + j] : b[j * k + p]);
            sum += x;
            mag += x < 0 ? -x : x;
        }
        double err = c[i * n + j] - sum;
        if ((err < 0 ? -err : err) > 1e-5 * mag + 1e-6) return 1;
    }
    return 0;
}

int main(void) {
    static const long SHAPES[][3] = {{128, 784, 256}, {256, 784, 2048}, {256, 2048, 2048}};
    for (int sh = 0; sh < 3; sh++) {
        long m = SHAPES[sh][0], k = SHAPES[sh][1], n = SHAPES[sh][2];
        float *a = javaArray(m * k), *b = javaArray(k * n), *packed = javaArray(k * n), *c = javaArray(m * n);
        float *pa = javaArray((m + 5) / 6 * 6 * k), *panel = javaArray(16 * k);
        packAll(b, n, k, packed); /* the prepacked form computes A·Wᵀ with the same b read as W */
        for (int form = 0; form < 3; form++) {
            double best = 0;
            for (int run = 0; run < 3; run++) {
                double t0 = now();
                long reps = 0;
                do {
                    gemm(form, a, b, packed, pa, panel, c, m, n, k);
                    reps++;
                } while (now() - t0 < 0.2);
                double g = 2.0 * m * n * k * reps / (now() - t0) / 1e9;
                if (g > best) best = g;
            }
            if (wrong(form, a, b, c, m, n, k)) {
                fprintf(stderr, "gemm_ceiling: %s %ldx%ldx%ld computed a wrong product\n", FORMS[form], m, k, n);
                return 1;
            }
            printf("{\"gemm_ceiling\": \"%s\", \"shape\": \"%ldx%ldx%ld\", \"gflops\": %.1f}\n", FORMS[form], m, k, n,
                   best);
        }
    }
    return 0;
}
