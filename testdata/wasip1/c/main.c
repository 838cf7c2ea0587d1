/*
 * A C (wasi-libc, preview1) program: poll() on stdin and with a timeout, nanosleep,
 * clock_gettime/clock_getres, mkdir/opendir/readdir/stat/rmdir in the preopened /sandbox,
 * and errno reporting for failing calls. Prints what it checks (never times); exits 0, or
 * the number of failed checks.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void expect(const char *what, int ok) {
    printf("%s: %s\n", what, ok ? "ok" : "FAILED");
    if (!ok) failures++;
}

/* Prints the errno of a call expected to fail, by name. */
static void expect_errno(const char *what, int result, int want) {
    int e = errno;
    errno = 0;
    if (result == 0 || e != want) {
        printf("%s: FAILED (result %d, errno %d %s, wanted %s)\n", what, result, e, strerror(e), strerror(want));
        failures++;
    } else {
        printf("%s: errno %s\n", what, e == ENOENT ? "ENOENT" : e == EEXIST ? "EEXIST" : e == ENOTEMPTY ? "ENOTEMPTY"
               : e == ENOTDIR ? "ENOTDIR" : e == EBADF ? "EBADF" : e == EISDIR ? "EISDIR" : e == ENOTCAPABLE ? "ENOTCAPABLE" : e == EINVAL ? "EINVAL"
               : "other");
    }
}

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

static void clocks(void) {
    struct timespec a, b, res, wall;
    expect("clock_gettime(MONOTONIC)", clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    expect("clock_getres(MONOTONIC) > 0", clock_getres(CLOCK_MONOTONIC, &res) == 0 && ns(res) > 0);
    expect("clock_gettime(REALTIME) after 2020", clock_gettime(CLOCK_REALTIME, &wall) == 0 && wall.tv_sec > 1577836800);
    struct timespec cpu;
    expect("clock_gettime(PROCESS_CPUTIME_ID)", clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0);
    expect("time() agrees with REALTIME", llabs((long long)time(NULL) - (long long)wall.tv_sec) <= 2);

    struct timespec req = {0, 25 * 1000000}; /* 25 ms */
    int r = nanosleep(&req, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    expect("nanosleep(25ms) returns 0", r == 0);
    expect("monotonic advanced >= 25ms", ns(b) - ns(a) >= 25000000LL);

    clock_gettime(CLOCK_MONOTONIC, &a);
    usleep(10000);
    clock_gettime(CLOCK_MONOTONIC, &b);
    expect("usleep(10ms) waits >= 10ms", ns(b) - ns(a) >= 10000000LL);

    struct timespec bad = {0, 2000000000L};
    r = nanosleep(&bad, NULL);
    expect_errno("nanosleep(tv_nsec=2e9)", r, EINVAL);
}

static void polling(void) {
    struct timespec a, b;
    /* A pure timeout: no descriptors. */
    clock_gettime(CLOCK_MONOTONIC, &a);
    int r = poll(NULL, 0, 30);
    clock_gettime(CLOCK_MONOTONIC, &b);
    expect("poll(none, 30ms) returns 0", r == 0);
    expect("poll(none, 30ms) waits >= 30ms", ns(b) - ns(a) >= 30000000LL);

    /* stdin has data (the runner supplies it): readable at once. */
    struct pollfd p = {.fd = 0, .events = POLLIN};
    r = poll(&p, 1, 5000);
    printf("poll(stdin) = %d, POLLIN=%d\n", r, (p.revents & POLLIN) != 0);
    char buf[256];
    ssize_t n = read(0, buf, sizeof buf - 1);
    if (n < 0) n = 0;
    buf[n] = 0;
    /* The whole input is short; strip the newline for printing. */
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    printf("read stdin: %zd bytes \"%s\"\n", n, buf);
    /* At end of input, poll still reports readable (read would return 0). */
    p.revents = 0;
    r = poll(&p, 1, 5000);
    ssize_t m = read(0, buf, sizeof buf);
    printf("poll(stdin at EOF) = %d, then read = %zd\n", r, m);

    /* stdout is always writable. */
    struct pollfd w = {.fd = 1, .events = POLLOUT};
    r = poll(&w, 1, 5000);
    printf("poll(stdout, POLLOUT) = %d, POLLOUT=%d\n", r, (w.revents & POLLOUT) != 0);

    /* (Not checked: poll on a regular file, which POSIX says is always ready. wasmjar reports it
     * ready; node's uvwasi fails the whole poll_oneoff call, as epoll cannot watch regular files.) */
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir(%s) failed: %s\n", path, strerror(errno));
        failures++;
        return;
    }
    char *names[64];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 64) {
        /* "." and ".." are skipped: wasmjar (like wasmtime) returns them, node's uvwasi does not. */
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char entry[300];
        snprintf(entry, sizeof entry, "%s%s", e->d_name, e->d_type == DT_DIR ? "/" : "");
        names[count++] = strdup(entry);
    }
    closedir(d);
    qsort(names, count, sizeof names[0], cmp);
    printf("%s:", path);
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void directories(void) {
    const char *base = "/sandbox/cdir";
    expect("mkdir", mkdir(base, 0755) == 0);
    expect_errno("mkdir existing", mkdir(base, 0755), EEXIST);
    expect("mkdir sub", mkdir("/sandbox/cdir/sub", 0755) == 0);

    FILE *f = fopen("/sandbox/cdir/file.txt", "w");
    expect("fopen for writing", f != NULL);
    if (f) {
        fprintf(f, "%s %d\n", "twelve bytes", 1);
        fclose(f);
    }
    struct stat st;
    expect("stat file", stat("/sandbox/cdir/file.txt", &st) == 0);
    printf("file: size=%lld regular=%d dir=%d nlink>=1=%d\n", (long long)st.st_size, S_ISREG(st.st_mode) != 0,
           S_ISDIR(st.st_mode) != 0, st.st_nlink >= 1);
    expect("stat dir", stat("/sandbox/cdir/sub", &st) == 0 && S_ISDIR(st.st_mode));
    int fd = open("/sandbox/cdir/file.txt", O_RDONLY);
    struct stat fst;
    expect("fstat matches stat size", fd >= 0 && fstat(fd, &fst) == 0 && fst.st_size == 15);
    close(fd);

    list(base);
    list("/sandbox/cdir/sub");

    expect_errno("stat missing", stat("/sandbox/cdir/missing", &st), ENOENT);
    expect_errno("rmdir non-empty", rmdir(base), ENOTEMPTY);
    expect_errno("rmdir file", rmdir("/sandbox/cdir/file.txt"), ENOTDIR);
    expect_errno("opendir file", opendir("/sandbox/cdir/file.txt") == NULL ? -1 : 0, ENOTDIR);
    expect_errno("open missing", open("/sandbox/cdir/none", O_RDONLY), ENOENT);
    expect_errno("open outside sandbox", open("/etc/passwd", O_RDONLY), ENOTCAPABLE);
    expect_errno("read closed fd", read(42, &st, 1) == -1 ? -1 : 0, EBADF);
    expect_errno("unlink dir", unlink("/sandbox/cdir/sub"), EISDIR);

    expect("rename", rename("/sandbox/cdir/file.txt", "/sandbox/cdir/sub/moved.txt") == 0);
    list("/sandbox/cdir/sub");
    expect("unlink", unlink("/sandbox/cdir/sub/moved.txt") == 0);
    expect("rmdir sub", rmdir("/sandbox/cdir/sub") == 0);
    expect("rmdir base", rmdir(base) == 0);
    list("/sandbox");
}

/*
 * Mode "wait": stdin is open but empty until the runner sees "waiting for stdin" on stdout, so
 * the first poll must time out, and the second must block until the data arrives.
 */
static void wait_for_stdin(void) {
    struct timespec a, b;
    struct pollfd p = {.fd = 0, .events = POLLIN};
    clock_gettime(CLOCK_MONOTONIC, &a);
    int r = poll(&p, 1, 100);
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("poll(empty stdin, 100ms) = %d, revents=%d\n", r, p.revents);
    expect("poll(empty stdin, 100ms) waits >= 100ms", ns(b) - ns(a) >= 100000000LL);
    printf("waiting for stdin\n");
    fflush(stdout);
    p.revents = 0;
    r = poll(&p, 1, -1);
    printf("poll(stdin, no timeout) = %d, POLLIN=%d\n", r, (p.revents & POLLIN) != 0);
    char buf[256];
    ssize_t n = read(0, buf, sizeof buf - 1);
    if (n < 0) n = 0;
    buf[n] = 0;
    if (n > 0 && buf[n - 1] == '\n') buf[n - 1] = 0;
    printf("read stdin: %zd bytes \"%s\"\n", n, buf);
}

int main(int argc, char **argv) {
    printf("argc=%d argv[1]=%s\n", argc, argc > 1 ? argv[1] : "(none)");
    if (argc > 1 && strcmp(argv[1], "wait") == 0) {
        wait_for_stdin();
        printf("failures: %d\n", failures);
        return failures;
    }
    clocks();
    polling();
    directories();
    printf("failures: %d\n", failures);
    return failures;
}
