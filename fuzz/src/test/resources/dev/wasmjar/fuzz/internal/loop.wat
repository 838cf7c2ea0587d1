;; Never returns (and has no hang limit): ModuleCheckTest's timeout on both engines.
;; Binary: wasm-opt loop.wat -o loop.wasm
(module
 (func (export "forever") (loop $l (br $l)))
)
