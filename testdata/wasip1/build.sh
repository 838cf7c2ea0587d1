#!/usr/bin/env bash
# Rebuilds the WASI preview1 test programs. With "expected", also regenerates their expected
# outputs (expected-CASE.stdout, expected-CASE.exit) by running each case under Node.js's
# node:wasi, the reference engine, through node-run.mjs.
#
# Needs Go 1.22 (GOOS=wasip1), Debian's rustc 1.63 with its wasm32-wasi target, clang 15 with
# lld and wasi-libc, and for "expected" Node.js 20. Override the tools with GO, RUSTC, CC, NODE.
# The cases must stay in step with Wasip1ProgramsTest (same arguments, environment, stdin).
set -euo pipefail
cd "$(dirname "$0")"
GO=${GO:-/usr/lib/go-1.22/bin/go}
RUSTC=${RUSTC:-/usr/bin/rustc}
CC=${CC:-clang-15}
NODE=${NODE:-node}
export GOCACHE=${GOCACHE:-/tmp/wasip1-gocache} GOPATH=${GOPATH:-/tmp/wasip1-gopath}

(cd go && GOOS=wasip1 GOARCH=wasm "$GO" build -trimpath -buildvcs=false -o main.wasm .)
(cd go && GOOS=wasip1 GOARCH=wasm "$GO" build -tags full -trimpath -buildvcs=false -o main-full.wasm .)
"$RUSTC" --edition 2021 --target wasm32-wasi -O -C strip=debuginfo rust/main.rs -o rust/main.wasm
"$CC" --target=wasm32-wasi -O2 -Wall -Wno-unused-result c/main.c -o c/main.wasm

[ "${1:-}" = expected ] || exit 0

# expect DIR CASE STDIN-COMMAND NODE-RUN-ARGS...: runs one case with a fresh, empty /sandbox;
# stdout goes through a pipe (node cannot poll a regular file).
expect() {
    local dir=$1 case=$2 input=$3
    shift 3
    local sandbox code
    sandbox=$(mktemp -d)
    code=$( { { eval "$input" | "$NODE" --no-warnings node-run.mjs --dir "$sandbox::/sandbox" "$@"; \
        echo $? >&3; } | cat > "$dir/expected-$case.stdout"; } 3>&1 2>/dev/null)
    echo "$code" > "$dir/expected-$case.exit"
    rm -rf "$sandbox"
    echo "$dir/$case: exit $code"
}
expect go main 'cat go/input.txt' --env GREETING=hello-wasip1 --env LANG=C.UTF-8 go/main.wasm main x "y z"
expect go full 'cat go/input.txt' --env GREETING=hello-wasip1 --env LANG=C.UTF-8 go/main-full.wasm main x "y z"
expect go exit 'true' go/main.wasm exit 7
expect go panic 'true' go/main.wasm panic
expect rust main 'cat rust/input.txt' --env RUST_MODE=test rust/main.wasm a "b c"
expect c main 'cat c/input.txt' c/main.wasm first
# stdin stays open and empty for a second, so the program's 100 ms poll times out first
expect c wait 'sleep 1; cat c/wait-input.txt' c/main.wasm wait
