/* saxpy: y = a*x + y over float vectors of LEN elements, N times, a alternating in sign (the same
 * magnitude twice in a row) so that y stays bounded. Every element is computed on its own, one
 * multiply then one add, each rounded (WebAssembly has no fused multiply-add to contract them
 * into), so the 4-lane build computes the very same floats as the scalar one. The checksum folds
 * in the final y's bit patterns. */
#include <string.h>
#include "common.h"

#define LEN 4096

static float x[LEN], y[LEN];

__attribute__((noinline)) static void saxpy(int n, float a, const float *restrict xs, float *restrict ys) {
    for (int i = 0; i < n; i++) {
        ys[i] = a * xs[i] + ys[i];
    }
}

int main(int argc, char **argv) {
    int n = size_arg(argc, argv, 100);
    for (int i = 0; i < LEN; i++) {
        x[i] = (float)(int32_t)rng_next() * 0x1p-31f;
        y[i] = (float)(int32_t)rng_next() * 0x1p-31f;
    }
    for (int r = 0; r < n; r++) {
        float a = 0.75f + (float)((r >> 1) & 15) * 0x1p-6f;
        saxpy(LEN, (r & 1) ? -a : a, x, y);
    }
    uint32_t h = CHECKSUM_INIT;
    for (int i = 0; i < LEN; i++) {
        uint32_t bits;
        memcpy(&bits, &y[i], sizeof bits);
        h = mix32(h, bits);
    }
    print_checksum("saxpy", n, h);
    return 0;
}
