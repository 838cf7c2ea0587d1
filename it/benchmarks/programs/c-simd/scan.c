/* scan: memchr/strlen-style byte scanning of a LEN-byte (1 MiB) text-like buffer, N times. Each
 * repetition
 *  - counts the occurrences of a byte value (cycling over a few: newline, space, letters, ...),
 *    in chunks of CHUNK bytes with an 8-bit counter per chunk, the way SIMD byte counting does it
 *    (clang vectorises the chunk loop to 16 byte compares at a time);
 *  - walks the NUL-terminated strings of the buffer (rare NULs: about one per KiB) from a
 *    varying start, folding every string's length in: strlen by blocks of BLOCK bytes, an OR of
 *    "byte == 0" over each block (vectorised, 16 bytes at a time) and a byte loop only within the
 *    block that has the NUL (the unroll pragma keeps clang from unrolling the block loop
 *    completely, which would leave it to the weaker SLP vectoriser).
 * All integers: both builds print the same checksum. */
#include "common.h"

#define LEN (1 << 20)
#define CHUNK 240
#define BLOCK 64

static uint8_t buf[LEN];

__attribute__((noinline)) static uint32_t count_byte(const uint8_t *restrict p, uint32_t n, uint8_t c) {
    uint32_t count = 0, i = 0;
    for (; i + CHUNK <= n; i += CHUNK) {
        uint8_t k = 0; /* at most CHUNK < 256 */
        for (int j = 0; j < CHUNK; j++) {
            k += p[i + j] == c;
        }
        count += k;
    }
    for (; i < n; i++) {
        count += p[i] == c;
    }
    return count;
}

/* The length of the string at p, looking no further than n bytes (n if there is no NUL). */
__attribute__((noinline)) static uint32_t bounded_strlen(const uint8_t *restrict p, uint32_t n) {
    uint32_t i = 0;
    for (; i + BLOCK <= n; i += BLOCK) {
        uint8_t any = 0;
#pragma clang loop unroll(disable)
        for (int j = 0; j < BLOCK; j++) {
            any |= p[i + j] == 0;
        }
        if (any) {
            break;
        }
    }
    while (i < n && p[i] != 0) {
        i++;
    }
    return i;
}

int main(int argc, char **argv) {
    int n = size_arg(argc, argv, 10);
    /* Text-like: mostly lower-case letters, some spaces, newlines, punctuation, and rare NULs. */
    static const char alphabet[] = "etaoinshrdlucmfwypvbgkqjxz";
    for (uint32_t i = 0; i < LEN; i++) {
        uint32_t r = rng_next();
        uint32_t k = r & 1023;
        uint8_t ch;
        if (k < 160) {
            ch = ' ';
        } else if (k < 180) {
            ch = '\n';
        } else if (k < 200) {
            ch = (uint8_t)".,;:!?'-()"[(r >> 10) % 10];
        } else if (k < 201) {
            ch = 0;
        } else {
            /* The smaller of two letter indices: frequent letters first, like English. */
            uint32_t a = (r >> 10) % 26, b = (r >> 20) % 26;
            ch = (uint8_t)alphabet[a < b ? a : b];
        }
        buf[i] = ch;
    }
    static const uint8_t targets[8] = {'\n', ' ', 'e', 'q', 'z', '!', 0xff, 'a'};
    uint32_t h = CHECKSUM_INIT;
    for (int r = 0; r < n; r++) {
        h = mix32(h, count_byte(buf, LEN, targets[r & 7]));
        uint32_t strings = 0;
        for (uint32_t pos = (uint32_t)r & 1023; pos < LEN; strings++) {
            uint32_t len = bounded_strlen(buf + pos, LEN - pos);
            h = mix32(h, len);
            pos += len + 1;
        }
        h = mix32(h, strings);
    }
    print_checksum("scan", n, h);
    return 0;
}
