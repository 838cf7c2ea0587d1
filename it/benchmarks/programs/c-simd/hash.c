/* hash: a 4-lane ChaCha-style hash. Four independent lanes (four streams, or the four columns of
 * a SIMD ChaCha/BLAKE implementation) each keep a 16-word state; one block feeds every lane 16
 * message words, XORs them and a block counter into a copy of the state, runs 8 ChaCha rounds
 * (quarter-rounds of add, xor and rotate by 16, 12, 8 and 7) and adds the result back
 * (feed-forward). The state and message are [word][lane] arrays and the lanes are the loop:
 * one iteration mixes one lane, word by word, in scalar code, and clang vectorises the 4
 * iterations into one pass of i32x4 operations (lane l of every vector is lane l's state),
 * the rotates becoming shl/shr_u/or. The rounds loop must be fully unrolled for that (the pragma:
 * clang 15 does not do it on its own), so that the lane loop is innermost. N blocks are hashed,
 * cycling over MSG_BLOCKS blocks of random message; the checksum folds in the final state of all
 * four lanes. */
#include "common.h"

#define LANES 4
#define MSG_BLOCKS 256

static uint32_t msg[MSG_BLOCKS][16][LANES];
static uint32_t state[16][LANES];

static inline uint32_t rotl(uint32_t v, int c) {
    return (v << c) | (v >> (32 - c));
}

#define QR(a, b, c, d)                                                                              \
    x[a] += x[b];                                                                                  \
    x[d] = rotl(x[d] ^ x[a], 16);                                                                  \
    x[c] += x[d];                                                                                  \
    x[b] = rotl(x[b] ^ x[c], 12);                                                                  \
    x[a] += x[b];                                                                                  \
    x[d] = rotl(x[d] ^ x[a], 8);                                                                   \
    x[c] += x[d];                                                                                  \
    x[b] = rotl(x[b] ^ x[c], 7);

__attribute__((noinline)) static void compress(uint32_t h[restrict 16][LANES], const uint32_t m[restrict 16][LANES],
                                               uint32_t counter) {
    for (int l = 0; l < LANES; l++) {
        uint32_t x[16];
        for (int w = 0; w < 16; w++) {
            x[w] = h[w][l] ^ m[w][l];
        }
        x[12] ^= counter;
#pragma clang loop unroll(full)
        for (int round = 0; round < 4; round++) {
            QR(0, 4, 8, 12)
            QR(1, 5, 9, 13)
            QR(2, 6, 10, 14)
            QR(3, 7, 11, 15)
            QR(0, 5, 10, 15)
            QR(1, 6, 11, 12)
            QR(2, 7, 8, 13)
            QR(3, 4, 9, 14)
        }
        for (int w = 0; w < 16; w++) {
            h[w][l] += x[w];
        }
    }
}

int main(int argc, char **argv) {
    int n = size_arg(argc, argv, 1000);
    /* The state starts from ChaCha's constants and a different "key" word per lane. */
    static const uint32_t sigma[4] = {0x61707865u, 0x3320646eu, 0x79622d32u, 0x6b206574u};
    for (int w = 0; w < 16; w++) {
        for (int l = 0; l < LANES; l++) {
            state[w][l] = w < 4 ? sigma[w] : (uint32_t)(w * LANES + l) * 0x9e3779b9u;
        }
    }
    for (int b = 0; b < MSG_BLOCKS; b++) {
        for (int w = 0; w < 16; w++) {
            for (int l = 0; l < LANES; l++) {
                msg[b][w][l] = rng_next();
            }
        }
    }
    for (int b = 0; b < n; b++) {
        compress(state, (const uint32_t (*)[LANES])msg[b % MSG_BLOCKS], (uint32_t)b);
    }
    uint32_t h = CHECKSUM_INIT;
    for (int w = 0; w < 16; w++) {
        for (int l = 0; l < LANES; l++) {
            h = mix32(h, state[w][l]);
        }
    }
    print_checksum("hash", n, h);
    return 0;
}
