/* blur: a 3x3 box blur of a W x H 8-bit grayscale image, N passes (ping-ponging between two
 * images). Separable, with 16-bit intermediate sums: for each output row, the vertical 3-sums of
 * the columns (at most 3*255) go into a row buffer, sums of neighbouring pairs of those into a
 * second one, and each interior pixel becomes a pair sum plus the next column sum, s (at most
 * 9*255 = 2295), divided by 9 rounded to nearest as ((s + 4) * 7282) >> 16, which equals
 * (s + 4) / 9 for every s <= 2295 (without the rounding the image would darken pass after pass).
 * The pair buffer is what lets clang vectorise the horizontal sum: written as three neighbouring
 * loads in one loop, they become a second-order recurrence, which clang 15 does not vectorise.
 * The border pixels are copied. All integer arithmetic: both builds print the same checksum of
 * the final image. */
#include <string.h>
#include "common.h"

#define W 512
#define H 512

static uint8_t img[2][H][W];
static uint16_t colsum[W], pairsum[W];

__attribute__((noinline)) static void blur_pass(uint8_t (*restrict dst)[W], const uint8_t (*restrict src)[W]) {
    memcpy(dst[0], src[0], W);
    memcpy(dst[H - 1], src[H - 1], W);
    for (int yy = 1; yy < H - 1; yy++) {
        const uint8_t *up = src[yy - 1], *mid = src[yy], *down = src[yy + 1];
        for (int xx = 0; xx < W; xx++) {
            colsum[xx] = (uint16_t)(up[xx] + mid[xx] + down[xx]);
        }
        for (int xx = 0; xx < W - 1; xx++) {
            pairsum[xx] = (uint16_t)(colsum[xx] + colsum[xx + 1]);
        }
        uint8_t *out = dst[yy];
        out[0] = mid[0];
        out[W - 1] = mid[W - 1];
        for (int xx = 1; xx < W - 1; xx++) {
            uint32_t s = (uint16_t)(pairsum[xx - 1] + colsum[xx + 1]);
            out[xx] = (uint8_t)(((s + 4u) * 7282u) >> 16);
        }
    }
}

int main(int argc, char **argv) {
    int n = size_arg(argc, argv, 10);
    /* A noisy picture: smooth gradients plus random speckles, so that the blur has work to do. */
    for (int yy = 0; yy < H; yy++) {
        for (int xx = 0; xx < W; xx++) {
            uint32_t r = rng_next();
            int v = ((xx * 3 + yy * 5) & 255) / 2 + (int)(r & 63);
            img[0][yy][xx] = (uint8_t)((r >> 8) % 17 == 0 ? 255 - v : v);
        }
    }
    for (int p = 0; p < n; p++) {
        blur_pass(img[(p + 1) & 1], (const uint8_t (*)[W])img[p & 1]);
        /* A new speckle per pass keeps the image from converging to a fixed point. */
        img[(p + 1) & 1][1 + rng_next() % (H - 2)][1 + rng_next() % (W - 2)] ^= 0x80;
    }
    uint32_t h = CHECKSUM_INIT;
    const uint8_t *final = &img[n & 1][0][0];
    for (int i = 0; i < W * H; i += 4) {
        h = mix32(h, (uint32_t)final[i] | (uint32_t)final[i + 1] << 8 | (uint32_t)final[i + 2] << 16
                | (uint32_t)final[i + 3] << 24);
    }
    print_checksum("blur", n, h);
    return 0;
}
