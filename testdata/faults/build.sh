#!/usr/bin/env bash
# Rebuilds the fault-test guests. Needs clang 15 with lld and (for preview1.wasm) wasi-libc
# (Debian's wasi-libc package; CC overrides the compiler).
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-15}
# WASI 0.2 without a libc: the imports are declared in the source, the exports named there.
"$CC" --target=wasm32 -O2 -nostdlib -fno-builtin -Wall -Wl,--no-entry -o wasi02.wasm wasi02.c
"$CC" --target=wasm32-wasi -O2 -Wall -Wl,--strip-debug -o preview1.wasm preview1.c
