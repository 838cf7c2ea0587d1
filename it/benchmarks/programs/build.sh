#!/bin/bash
# Rebuilds the benchmark programs that are not TinyGo (the TinyGo ones live in the shared corpus):
# standard Go, Rust and C, each for WASI preview1, into build/NAME.wasip1.wasm.
#   go-*    : Go 1.22 (GOOS=wasip1 GOARCH=wasm), $GO or /usr/lib/go-1.22/bin/go
#   rust-*  : rustc 1.63 (Debian's /usr/bin/rustc, target wasm32-wasi, -O, debug info stripped), $RUSTC or /usr/bin/rustc
#   c-*     : the kernels in c-simd/ (see c-simd/README.md), Debian's clang 15.0.6 (wasm32-wasi, -O3, with Debian's
#             wasi-libc 0.0~git20220510.9886d3d from /usr/include/wasm32-wasi and /usr/lib/wasm32-wasi), each twice:
#             build/c-NAME.wasip1.wasm (scalar) and build/c-NAME-simd.wasip1.wasm (-msimd128: auto-vectorised),
#             $CLANG or /usr/lib/llvm-15/bin/clang, linked by $WASM_LD or /usr/lib/llvm-15/bin/wasm-ld
# go-fannkuch and go-nbody are the corpus's bench-fannkuch and bench-nbody sources, unchanged;
# rust-fannkuch and rust-nbody are line-for-line ports: all print the same bytes at the same size.
# The flags make the output depend on the sources and toolchain only (no VCS stamp, no build id, no paths),
# so running this script reproduces the committed build/ byte for byte.
# For C that also means no wasm-opt: clang runs binaryen's wasm-opt on what it links whenever it finds one
# (next to clang, which is why this calls /usr/lib/llvm-15/bin/clang and not /usr/bin/clang-15, or on the PATH),
# so clang runs with a PATH of its own directory only, and the script fails if clang would still run one.
# Debian's wasi-libc is compiled with debug info: --strip-debug drops it (and its paths); the name section stays.
#   ./build.sh            builds all three, skipping (with a message) a language whose toolchain is missing
#   ./build.sh c [go ...] builds just those, failing if a toolchain is missing
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-/usr/lib/go-1.22/bin/go}
RUSTC=${RUSTC:-/usr/bin/rustc}
CLANG=${CLANG:-/usr/lib/llvm-15/bin/clang}
WASM_LD=${WASM_LD:-/usr/lib/llvm-15/bin/wasm-ld}
export GOCACHE=${GOCACHE:-/tmp/wasmjar-bench-gocache} GOPATH=${GOPATH:-/tmp/wasmjar-bench-gopath} GOTOOLCHAIN=local
if [ $# -eq 0 ]; then
  langs=(go rust c) explicit=false
else
  langs=("$@") explicit=true
  for lang in "${langs[@]}"; do
    case $lang in
      go | rust | c) ;;
      *) echo "unknown language: $lang (go, rust or c)" >&2; exit 1 ;;
    esac
  done
fi
# have LANG TOOL...: whether the tools exist; a missing one is fatal when LANG was asked for by name
have() {
  local lang=$1 tool
  shift
  for tool in "$@"; do
    if [ ! -x "$tool" ]; then
      if $explicit; then
        echo "$lang: $tool not found" >&2
        exit 1
      fi
      echo "skipping $lang: $tool not found" >&2
      return 1
    fi
  done
}
mkdir -p build
for lang in "${langs[@]}"; do
  case $lang in
    go)
      have go "$GO" || continue
      for dir in go-*/; do
        name=${dir%/}
        GOOS=wasip1 GOARCH=wasm "$GO" build -trimpath -buildvcs=false -ldflags=-buildid= -o "build/$name.wasip1.wasm" "./$name"
        echo "built $name ($("$GO" version))"
      done
      ;;
    rust)
      have rust "$RUSTC" || continue
      for dir in rust-*/; do
        name=${dir%/}
        "$RUSTC" --edition 2021 --target wasm32-wasi -O -C strip=debuginfo -o "build/$name.wasip1.wasm" "$name/main.rs"
        echo "built $name ($("$RUSTC" --version))"
      done
      ;;
    c)
      have c "$CLANG" "$WASM_LD" || continue
      cc=(env PATH="$(dirname "$CLANG")" "$CLANG" --target=wasm32-wasi -O3 -Wall -Wextra -fuse-ld="$WASM_LD" -Wl,--strip-debug)
      if "${cc[@]}" -### -o /dev/null c-simd/dot.c 2>&1 | grep -q wasm-opt; then
        echo "c: $CLANG would run wasm-opt after linking; the builds would depend on binaryen" >&2
        exit 1
      fi
      for src in c-simd/*.c; do
        name=c-$(basename "$src" .c)
        "${cc[@]}" -o "build/$name.wasip1.wasm" "$src"
        "${cc[@]}" -msimd128 -o "build/$name-simd.wasip1.wasm" "$src"
        echo "built $name and $name-simd ($("$CLANG" --version | head -n 1))"
      done
      ;;
  esac
done
