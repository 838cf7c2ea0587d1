;; A small module for the reduction tests: with the injected fault its i32 result mismatches,
;; and the reducer should shrink it to little more than one function returning an i32.
;; Binary: wasm-opt tiny.wat -o tiny.wasm
(module
 (memory $mem 1 1)
 (export "mem" (memory $mem))
 (func (export "answer") (result i32)
  (i32.add (i32.const 40) (i32.load (i32.const 0)))
 )
 (func (export "other") (result i64)
  (i64.mul (i64.const 6) (i64.extend_i32_u (i32.const 7)))
 )
)
