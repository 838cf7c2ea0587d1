module wasmjar.dev/benchprograms

go 1.22
