// A WASI preview1 guest (wasi-libc) for the fault and load tests (FaultsTest, GuestStopTest).
// The same modes as wasi02.c, through libc and wasi_snapshot_preview1; argv[1] picks one:
//
//   write-forever  write(2)s 4 KiB blocks to stdout until one fails, reports on stderr the
//                  errno of that write and of one more write, and exits with code 3
//   grow           mallocs 1 MiB blocks until malloc returns NULL (wasi-libc's malloc grows
//                  memory with memory.grow), then prints how many it got and the memory size
//   spin           computes forever without calling the host
//   sleep-forever  poll_oneoff on a relative clock timeout of 2^64-1 ns
//   read-forever   read(2)s stdin, forever if stdin never delivers (exits 1 at its end)
//
// Build: see build.sh (clang-15 --target=wasm32-wasi with wasi-libc).
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasi/api.h>

static char block[4096];

static int write_forever(void) {
    for (size_t i = 0; i < sizeof block; i++) {
        block[i] = i % 64 == 63 ? '\n' : 'y';
    }
    unsigned long long written = 0;
    while (1) {
        ssize_t n = write(1, block, sizeof block);
        if (n < 0) {
            int first = errno;
            ssize_t again = write(1, block, sizeof block);
            int second = again < 0 ? errno : 0;
            fprintf(stderr, "write-forever: stdout failed after %llu bytes: errno %d (%s); the next write: errno %d (%s)\n",
                    written, first, strerror(first), second, strerror(second));
            exit(3);
        }
        written += (unsigned long long) n;
    }
}

static int grow(void) {
    unsigned long start = __builtin_wasm_memory_size(0);
    unsigned long mib = 0;
    char *p;
    while ((p = malloc(1 << 20)) != NULL) {
        // The memory is usable: touch both ends of the block.
        p[0] = 1;
        ((volatile char *) p)[(1 << 20) - 1] = 1;
        mib++;
    }
    printf("grow: started at %lu pages; malloc(1 MiB) returned NULL after %lu MiB at %lu pages\n",
           start, mib, (unsigned long) __builtin_wasm_memory_size(0));
    return 0;
}

static volatile unsigned long long spins;

static int spin(void) {
    while (1) {
        spins++;
    }
}

static int sleep_forever(void) {
    __wasi_subscription_t sub = {
        .userdata = 1,
        .u = {.tag = __WASI_EVENTTYPE_CLOCK,
              .u = {.clock = {.id = __WASI_CLOCKID_MONOTONIC, .timeout = ~0ULL, .precision = 0, .flags = 0}}},
    };
    __wasi_event_t event;
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_poll_oneoff(&sub, &event, 1, &n);
    printf("sleep-forever: poll_oneoff returned %d with %lu events\n", e, (unsigned long) n);
    return 1;
}

static int read_forever(void) {
    char buf[4096];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
    }
    printf("read-forever: stdin ended (%ld)\n", (long) n);
    return 1;
}

int main(int argc, char **argv) {
    const char *mode = argc >= 2 ? argv[1] : "";
    if (!strcmp(mode, "write-forever")) return write_forever();
    if (!strcmp(mode, "grow")) return grow();
    if (!strcmp(mode, "spin")) return spin();
    if (!strcmp(mode, "sleep-forever")) return sleep_forever();
    if (!strcmp(mode, "read-forever")) return read_forever();
    fprintf(stderr, "usage: preview1 write-forever|grow|spin|sleep-forever|read-forever\n");
    return 2;
}
