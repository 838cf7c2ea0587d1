/* Shared by the c-simd kernels: the size argument, the input generator and the output line.
 * Every kernel prints exactly one line, "NAME n=N checksum=XXXXXXXX", whose value depends on the
 * size only: the scalar and the -msimd128 build of a kernel print the same bytes. */
#ifndef C_SIMD_COMMON_H
#define C_SIMD_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* argv[1] as the size N (how many repetitions, passes or blocks), DEFAULT when absent. */
static int size_arg(int argc, char **argv, int def) {
    if (argc < 2) {
        return def;
    }
    long n = strtol(argv[1], NULL, 10);
    if (n < 1 || n > 1000000000L) {
        fprintf(stderr, "bad size: %s\n", argv[1]);
        exit(2);
    }
    return (int)n;
}

/* Marsaglia's xorshift32: the deterministic source of all the inputs. */
static uint32_t rng_state = 2463534242u;

static uint32_t rng_next(void) {
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

/* Folds a 32-bit value into a running checksum (FNV-1a over its four bytes). */
static uint32_t mix32(uint32_t h, uint32_t v) {
    for (int i = 0; i < 4; i++) {
        h ^= (v >> (8 * i)) & 0xffu;
        h *= 16777619u;
    }
    return h;
}

#define CHECKSUM_INIT 2166136261u

static void print_checksum(const char *name, int n, uint32_t checksum) {
    printf("%s n=%d checksum=%08x\n", name, n, (unsigned)checksum);
}

#endif
