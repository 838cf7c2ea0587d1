;; unknown-memory-67.reduced.wasm in the text format (written by hand: binaryen's wasm-dis
;; lowers the block parameter and so hides the type index). The binary is make_reduced.py's.
(module
  (type (func))          ;; types 0 .. 98: fillers, so that type 99 exists
  ;; ... 97 more (type (func)) ...
  (type (func))
  (type (;99;) (func (param f64) (result i32)))
  (type (;100;) (func (result i32)))
  (func (export "f") (type 100)
    f64.const 0
    block (type 99)      ;; encoded e3 00: Chicory reads 0x63 "ref null", then eats the next byte
      block              ;; 02 40: ... so 0x40 becomes memory.grow of memory 0x43 = 67
        f32.const 0
        drop
      end
      drop
      i32.const 1
    end))
