;; refnull-type-mismatch.reduced.wasm in the text format (written by hand, as wasm-dis would
;; not show the type index). The binary is make_reduced.py's.
(module
  (type (func))          ;; types 0 .. 114: fillers, so that type 115 exists
  ;; ... 113 more (type (func)) ...
  (type (func))
  (type (;115;) (func (result f32)))
  (func (export "f") (type 115)
    block (type 115)     ;; encoded f3 00: Chicory reads 0x73, "ref null nofunc", as the result
      f32.const 0
    end))
