;; SIMD on the V8 side (V8ExecutorTest): v128 exports are skipped, calling log-v128 fails.
;; Binary: wasm-opt simd.wat --enable-simd -o simd.wasm
(module
 (import "fuzzing-support" "log-v128" (func $log-v128 (param v128)))
 (func (export "vector") (result v128) (v128.const i32x4 1 2 3 4))
 (func (export "log") (call $log-v128 (v128.const i32x4 1 2 3 4)))
 (func (export "lane") (result i32) (i32x4.extract_lane 2 (v128.const i32x4 1 2 3 4)))
)
