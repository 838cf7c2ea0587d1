#!/usr/bin/env python3
"""Writes the hand-reduced regression modules (see README.md); run from this directory.

Both refusals came from Chicory's parser reading a block type given as a type index that
equals one of its value type codes (99 = 0x63 `ref null ht`, 115 = 0x73 `nullfuncref`) as that
value type. wasm-reduce cannot shrink the originals: binaryen's writer renumbers the types, and
the re-written modules no longer show the problem. So each reduced module keeps just what
matters: enough types for the index to exist, and one function whose block uses it, with the
bytes after the block type that the parser then misreads.
"""


def uleb(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def vec(items):
    return uleb(len(items)) + b"".join(items)


def section(sid, content):
    return bytes([sid]) + uleb(len(content)) + content


def name(s):
    return uleb(len(s)) + s.encode()


I32, F32, F64 = 0x7F, 0x7D, 0x7C


def functype(params, results):
    return b"\x60" + vec([bytes([p]) for p in params]) + vec([bytes([r]) for r in results])


def module(types, func_type, body, export):
    # one function, exported; the body has no locals
    code = vec([]) + body
    return (b"\0asm\1\0\0\0"
            + section(1, vec(types))
            + section(3, vec([uleb(func_type)]))
            + section(7, vec([name(export) + b"\x00" + uleb(0)]))
            + section(10, vec([uleb(len(code)) + code])))


def fillers(n):
    # types 0..n-1, only there so that the block's type index exists
    return [functype([], [])] * n


def block_type_99():
    # type 99: [f64] -> [i32]; f() -> i32:
    #   f64.const 0  block (type 99)  block  f32.const 0  drop  end  drop  i32.const 1  end  end
    # Chicory reads 99 as `ref null`, takes the next byte (the inner block's 0x02) as its heap
    # type, then 0x40 as memory.grow with memory index 0x43 (67): "unknown memory 67".
    types = fillers(99) + [functype([F64], [I32]), functype([], [I32])]
    body = (b"\x44" + bytes(8)
            + b"\x02" + b"\xe3\x00"          # block (type 99), s33 in two bytes
            + b"\x02\x40" + b"\x43" + bytes(4) + b"\x1a" + b"\x0b"
            + b"\x1a" + b"\x41\x01" + b"\x0b"
            + b"\x0b")
    return module(types, 100, body, "f")


def block_type_115():
    # type 115: [] -> [f32]; f() -> f32:  block (type 115)  f32.const 0  end  end
    # Chicory reads 115 as `ref null nofunc` (0x73): the block's f32 result is a "type mismatch".
    types = fillers(115) + [functype([], [F32])]
    body = b"\x02" + b"\xf3\x00" + b"\x43" + bytes(4) + b"\x0b" + b"\x0b"
    return module(types, 115, body, "f")


if __name__ == "__main__":
    with open("unknown-memory-67.reduced.wasm", "wb") as f:
        f.write(block_type_99())
    with open("refnull-type-mismatch.reduced.wasm", "wb") as f:
        f.write(block_type_115())
