#!/bin/bash
# Rebuilds the benchmark programs that are not TinyGo (the TinyGo ones live in the shared corpus):
# standard Go and Rust, each for WASI preview1, into build/NAME.wasip1.wasm.
#   go-*    : Go 1.22 (GOOS=wasip1 GOARCH=wasm), $GO or /usr/lib/go-1.22/bin/go
#   rust-*  : rustc 1.63 (Debian's /usr/bin/rustc, target wasm32-wasi, -O, debug info stripped), $RUSTC or /usr/bin/rustc
# go-fannkuch and go-nbody are the corpus's bench-fannkuch and bench-nbody sources, unchanged;
# rust-fannkuch and rust-nbody are line-for-line ports: all print the same bytes at the same size.
# The flags make the output depend on the sources and toolchain only (no VCS stamp, no build id, no paths),
# so running this script reproduces the committed build/ byte for byte.
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-/usr/lib/go-1.22/bin/go}
RUSTC=${RUSTC:-/usr/bin/rustc}
export GOCACHE=${GOCACHE:-/tmp/wasmjar-bench-gocache} GOPATH=${GOPATH:-/tmp/wasmjar-bench-gopath} GOTOOLCHAIN=local
mkdir -p build
for dir in go-*/; do
  name=${dir%/}
  GOOS=wasip1 GOARCH=wasm "$GO" build -trimpath -buildvcs=false -ldflags=-buildid= -o "build/$name.wasip1.wasm" "./$name"
  echo "built $name ($("$GO" version))"
done
for dir in rust-*/; do
  name=${dir%/}
  "$RUSTC" --edition 2021 --target wasm32-wasi -O -C strip=debuginfo -o "build/$name.wasip1.wasm" "$name/main.rs"
  echo "built $name ($("$RUSTC" --version))"
done
