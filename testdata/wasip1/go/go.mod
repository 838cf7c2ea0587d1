module wasmjar.dev/testdata/wasip1

go 1.22
