/* dot: the dot product of two float vectors of LEN elements, N times.
 * The inputs are multiples of 1/16 in [-1, 1], so every product is a multiple of 1/256 and every
 * partial sum (at most LEN in magnitude) needs at most 20 significant bits: each sum is exact in
 * float, whatever the order of the additions. That makes the reduction's reassociation (which is
 * what lets clang vectorise it into 4-lane partial sums) invisible in the output. Between two
 * products one element of x changes, so no product can be reused. */
#include "common.h"

#define LEN 4096

static float x[LEN], y[LEN];

__attribute__((noinline)) static float dot(const float *restrict a, const float *restrict b, int n) {
#pragma clang fp reassociate(on)
    float sum = 0.0f;
#pragma clang loop vectorize(enable) interleave(enable)
    for (int i = 0; i < n; i++) {
        sum += a[i] * b[i];
    }
    return sum;
}

static float sixteenth(void) {
    return (float)((int)(rng_next() % 33u) - 16) / 16.0f;
}

int main(int argc, char **argv) {
    int n = size_arg(argc, argv, 100);
    for (int i = 0; i < LEN; i++) {
        x[i] = sixteenth();
        y[i] = sixteenth();
    }
    uint32_t h = CHECKSUM_INIT;
    for (int r = 0; r < n; r++) {
        float s = dot(x, y, LEN);
        h = mix32(h, (uint32_t)(int32_t)(s * 256.0f));
        x[(r * 7) & (LEN - 1)] = sixteenth();
    }
    print_checksum("dot", n, h);
    return 0;
}
