// A WASI 0.2 guest for the fault and load tests (FaultsTest, GuestStopTest): a core module in
// the shape TinyGo's wasip2 core modules have (imports lowered by the canonical ABI, exports
// memory, cabi_realloc and wasi:cli/run@0.2.0#run), written without a libc so that every host
// call is visible here. args[1] picks what it does:
//
//   write-forever  writes 4 KiB blocks to stdout until a write fails, then reports on stderr
//                  the stream error of that write and of one more write, and returns err (exit 1)
//   grow           grows memory by 16 pages while it can, then by 1 page while it can, and
//                  prints on stdout where memory.grow first returned -1 and the final size
//   spin           computes forever without calling the host
//   sleep-forever  blocks on a monotonic-clock pollable that never becomes ready
//   read-forever   blocking-reads stdin, forever if stdin never delivers (returns at its end)
//   random-huge    asks wasi:random for 1.5 GiB of random bytes (more than a small JVM heap has)
//
// Build: see build.sh (clang-15 --target=wasm32 -nostdlib).

typedef unsigned char u8;
typedef unsigned int u32;
typedef int i32;
typedef unsigned long long u64;

#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

IMPORT("wasi:cli/environment@0.2.0", "get-arguments") void get_arguments(void *ret);
IMPORT("wasi:cli/stdin@0.2.0", "get-stdin") i32 get_stdin(void);
IMPORT("wasi:cli/stdout@0.2.0", "get-stdout") i32 get_stdout(void);
IMPORT("wasi:cli/stderr@0.2.0", "get-stderr") i32 get_stderr(void);
IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
void blocking_write_and_flush(i32 stream, const void *ptr, u32 len, void *ret);
IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
void blocking_read(i32 stream, u64 len, void *ret);
IMPORT("wasi:io/error@0.2.0", "[method]error.to-debug-string") void error_to_debug_string(i32 error, void *ret);
IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration") i32 subscribe_duration(u64 nanos);
IMPORT("wasi:io/poll@0.2.0", "[method]pollable.block") void pollable_block(i32 pollable);
IMPORT("wasi:random/random@0.2.0", "get-random-bytes") void get_random_bytes(u64 len, void *ret);

// --- cabi_realloc: the host allocates argument strings and error messages here -------------

static u8 arena[1 << 16];
static u32 arena_used;

EXPORT("cabi_realloc") void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    // The host only ever asks for fresh blocks (old == 0), so a bump allocator suffices.
    u32 at = (arena_used + align - 1) & ~(align - 1);
    if (old != 0 || at + new_size > sizeof arena) {
        __builtin_trap();
    }
    arena_used = at + new_size;
    return arena + at;
}

// --- output ------------------------------------------------------------------------------

struct string {
    const u8 *ptr;
    u32 len;
};

/** result<_, stream-error>: tag at 0; stream-error's tag at 4, its error handle at 8. */
struct write_result {
    u8 tag;
    u8 error_tag;
    i32 error;
};

static struct write_result write_bytes(i32 stream, const void *ptr, u32 len) {
    u32 ret[3];
    blocking_write_and_flush(stream, ptr, len, ret);
    struct write_result r = {(u8) ret[0], (u8) ret[1], (i32) ret[2]};
    return r;
}

static u32 length(const char *s) {
    u32 n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

static void print(i32 stream, const char *s) {
    write_bytes(stream, s, length(s));
}

static void print_number(i32 stream, u64 n) {
    char digits[24];
    int i = sizeof digits - 1;
    digits[i] = 0;
    do {
        digits[--i] = (char) ('0' + n % 10);
        n /= 10;
    } while (n);
    print(stream, digits + i);
}

/** Prints how a write ended: "ok", "closed" or "last-operation-failed: DEBUG-STRING". */
static void print_write_result(i32 stream, struct write_result r) {
    if (r.tag == 0) {
        print(stream, "ok");
    } else if (r.error_tag == 1) {
        print(stream, "closed");
    } else {
        struct string message;
        error_to_debug_string(r.error, &message);
        print(stream, "last-operation-failed: ");
        write_bytes(stream, message.ptr, message.len);
    }
}

// --- modes -------------------------------------------------------------------------------

static u8 block[4096];

static i32 write_forever(void) {
    for (u32 i = 0; i < sizeof block; i++) {
        block[i] = i % 64 == 63 ? '\n' : 'y';
    }
    i32 out = get_stdout();
    i32 err = get_stderr();
    u64 written = 0;
    while (1) {
        struct write_result r = write_bytes(out, block, sizeof block);
        if (r.tag != 0) {
            print(err, "write-forever: stdout failed after ");
            print_number(err, written);
            print(err, " bytes: ");
            print_write_result(err, r);
            print(err, "; the next write: ");
            print_write_result(err, write_bytes(out, block, sizeof block));
            print(err, "\n");
            return 1;
        }
        written += sizeof block;
    }
}

static i32 grow(void) {
    i32 out = get_stdout();
    u32 start = __builtin_wasm_memory_size(0);
    while (__builtin_wasm_memory_grow(0, 16) != (unsigned long) -1) {
        // The new pages are usable: touch the last byte.
        *(volatile u8 *) (__builtin_wasm_memory_size(0) * 65536 - 1) = 1;
    }
    u32 failed_at = __builtin_wasm_memory_size(0);
    while (__builtin_wasm_memory_grow(0, 1) != (unsigned long) -1) {
    }
    print(out, "grow: started at ");
    print_number(out, start);
    print(out, " pages; growing by 16 failed at ");
    print_number(out, failed_at);
    print(out, " pages; final size ");
    print_number(out, __builtin_wasm_memory_size(0));
    print(out, " pages\n");
    return 0;
}

static volatile u64 spins;

static i32 spin(void) {
    while (1) {
        spins++;
    }
}

static i32 sleep_forever(void) {
    // The largest duration there is: the host must not overflow it into "already past".
    pollable_block(subscribe_duration(~0ULL));
    print(get_stdout(), "sleep-forever: the sleep returned\n");
    return 1;
}

static i32 read_forever(void) {
    i32 in = get_stdin();
    while (1) {
        // result<list<u8>, stream-error>: tag at 0; the list (ptr, len) or the error at 4.
        u32 ret[3];
        blocking_read(in, 4096, ret);
        if ((u8) ret[0] != 0) {
            print(get_stdout(), "read-forever: stdin ended\n");
            return 1;
        }
    }
}

static i32 random_huge(void) {
    struct string bytes;
    get_random_bytes(3ULL << 29, &bytes);
    print(get_stdout(), "random-huge: got ");
    print_number(get_stdout(), bytes.len);
    print(get_stdout(), " bytes\n");
    return 0;
}

static int equals(struct string s, const char *c) {
    u32 n = length(c);
    if (s.len != n) {
        return 0;
    }
    for (u32 i = 0; i < n; i++) {
        if (s.ptr[i] != (u8) c[i]) {
            return 0;
        }
    }
    return 1;
}

/** Returns 0 for ok, 1 for err: result<_, _> lowered to its tag. */
EXPORT("wasi:cli/run@0.2.0#run") i32 run(void) {
    struct {
        struct string *ptr;
        u32 len;
    } args;
    get_arguments(&args);
    if (args.len >= 2) {
        struct string mode = args.ptr[1];
        if (equals(mode, "write-forever")) return write_forever();
        if (equals(mode, "grow")) return grow();
        if (equals(mode, "spin")) return spin();
        if (equals(mode, "sleep-forever")) return sleep_forever();
        if (equals(mode, "read-forever")) return read_forever();
        if (equals(mode, "random-huge")) return random_huge();
    }
    print(get_stderr(), "usage: wasi02 write-forever|grow|spin|sleep-forever|read-forever|random-huge\n");
    return 1;
}
