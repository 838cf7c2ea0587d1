'use strict';
// The V8 side of wasmjar's differential fuzzer (dev.wasmjar.fuzz). One long-lived process:
// it reads one module path per line on stdin and answers each with that module's transcript,
// one event per line, followed by a line "end". The Java side (WasmjarExecutor) writes the
// same transcript for wasmjar; see Transcript.java for the grammar. The procedure, identical
// on both sides:
//   - compile (V8 rejecting the module: a single line "rejected <message>") and instantiate
//     with the fuzzing-support log imports ("instantiate ok", or "instantiate trap <class>");
//     calling log-v128 fails as a JS function with a v128 parameter does ("trap v128-to-js");
//   - for every exported function, in export order: "call <name>"; reset the module's hang
//     limit (binaryen's "hangLimitInitializer" export, if any); call it with zero-valued
//     arguments; "result <values>" or "trap <class>"; every log import call in between is
//     "log <value>";
//   - for every exported memory: "memory <name> <pages> <sha-256 of its bytes>".
// Values are "<type>:<hex bits>"; references only say whether they are null.

const fs = require('fs');
const crypto = require('crypto');
const readline = require('readline');

// V8's trap messages, mapped to the trap classes the Java side derives from wasmjar's TrapKind.
// A message not listed stays visible as "other:<message>" (and so shows up as a mismatch).
const TRAP_CLASSES = new Map([
  ['unreachable', 'unreachable'],
  ['memory access out of bounds', 'memory'],
  ['divide by zero', 'div-zero'],
  ['remainder by zero', 'div-zero'],
  ['divide result unrepresentable', 'overflow'],
  ['float unrepresentable in integer range', 'conversion'],
  ['table index is out of bounds', 'table'],
  ['null function or function signature mismatch', 'indirect'],
  ['null function', 'indirect'],
  ['function signature mismatch', 'indirect'],
]);

const VALUE_TYPES = new Map([
  [0x7f, 'i32'], [0x7e, 'i64'], [0x7d, 'f32'], [0x7c, 'f64'], [0x7b, 'v128'],
  [0x70, 'funcref'], [0x6f, 'externref'],
]);

// --- reading the export signatures from the binary (V8 does not expose them without flags) ---

function reader(bytes) {
  let pos = 0;
  const r = {
    get pos() { return pos; },
    set pos(p) { pos = p; },
    byte() {
      if (pos >= bytes.length) throw new Error('unexpected end of module');
      return bytes[pos++];
    },
    u32() {
      let result = 0, shift = 0, b;
      do {
        b = r.byte();
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
    name() {
      const len = r.u32();
      const s = Buffer.from(bytes.buffer, bytes.byteOffset + pos, len).toString('utf8');
      pos += len;
      return s;
    },
    valueType() {
      const b = r.byte();
      const t = VALUE_TYPES.get(b);
      if (!t) throw new Error('unknown value type 0x' + b.toString(16));
      return t;
    },
    limits() {
      const flags = r.byte();
      r.u32();
      if (flags & 1) r.u32();
    },
  };
  return r;
}

/** The module's exports in order: {name, kind, params, results} (signatures for functions). */
function exportSignatures(bytes) {
  const r = reader(bytes);
  r.pos = 8;
  const types = [];
  const functionTypes = [];
  const exports = [];
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 1) {
      for (let n = r.u32(); n > 0; n--) {
        if (r.byte() !== 0x60) throw new Error('not a function type');
        const params = [];
        for (let k = r.u32(); k > 0; k--) params.push(r.valueType());
        const results = [];
        for (let k = r.u32(); k > 0; k--) results.push(r.valueType());
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        r.name();
        r.name();
        const kind = r.byte();
        if (kind === 0) functionTypes.push(types[r.u32()]);
        else if (kind === 1) { r.valueType(); r.limits(); }
        else if (kind === 2) r.limits();
        else if (kind === 3) { r.valueType(); r.byte(); }
        else throw new Error('unknown import kind ' + kind);
      }
    } else if (id === 3) {
      for (let n = r.u32(); n > 0; n--) functionTypes.push(types[r.u32()]);
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.u32();
        const sig = kind === 0 ? functionTypes[index] : { params: [], results: [] };
        exports.push({ name, kind, params: sig.params, results: sig.results });
      }
    }
    r.pos = end;
  }
  return exports;
}

// --- the canonical text of values, names and failures (the same as ValueText.java) ---

const scratch = new DataView(new ArrayBuffer(8));

function hex(n, digits) {
  return n.toString(16).padStart(digits, '0');
}

function valueToken(type, v) {
  switch (type) {
    case 'i32': return 'i32:' + hex(v >>> 0, 8);
    case 'i64': return 'i64:' + hex(BigInt.asUintN(64, v), 16);
    case 'f32': scratch.setFloat32(0, v, true); return 'f32:' + hex(scratch.getUint32(0, true), 8);
    case 'f64': scratch.setFloat64(0, v, true); return 'f64:' + hex(scratch.getBigUint64(0, true), 16);
    case 'funcref': return v === null ? 'funcref:null' : 'funcref:func';
    case 'externref': return v === null ? 'externref:null' : 'externref:value';
    default: return type + ':?';
  }
}

function zeroOf(type) {
  switch (type) {
    case 'i64': return 0n;
    case 'funcref': case 'externref': return null;
    default: return 0;
  }
}

/** Export names as in Transcript.escapeName: [A-Za-z0-9_.$-] kept, other code points \u{hex}. */
function escapeName(name) {
  let out = '';
  for (const ch of name) {
    out += /[A-Za-z0-9_.$-]/.test(ch) ? ch : '\\u{' + ch.codePointAt(0).toString(16) + '}';
  }
  return out;
}

function oneLine(s) {
  return String(s).replace(/[\r\n]+/g, ' ');
}

function failure(e) {
  if (e instanceof WebAssembly.RuntimeError) {
    return 'trap ' + (TRAP_CLASSES.get(e.message) || 'other:' + escapeName(e.message));
  }
  if (e instanceof RangeError && /call stack/.test(e.message)) {
    return 'trap stack';
  }
  if (e instanceof TypeError && e.message === 'type incompatibility when transforming from/to JS') {
    return 'trap v128-to-js';
  }
  return 'error ' + escapeName((e && e.constructor ? e.constructor.name : 'throw') + ': ' + oneLine(e && e.message));
}

// --- the procedure ---

function run(path) {
  const bytes = new Uint8Array(fs.readFileSync(path));
  let module;
  try {
    module = new WebAssembly.Module(bytes);
  } catch (e) {
    return ['rejected ' + oneLine(e.message)];
  }
  const exports = exportSignatures(bytes);
  const out = [];
  const log = (type) => (v) => { out.push('log ' + valueToken(type, v)); };
  const imports = {
    'fuzzing-support': {
      'log-i32': log('i32'), 'log-i64': log('i64'), 'log-f32': log('f32'), 'log-f64': log('f64'),
      // never entered: V8 throws a TypeError calling a JS function with a v128 parameter
      'log-v128': () => { out.push('log v128'); },
    },
  };
  let instance;
  try {
    instance = new WebAssembly.Instance(module, imports);
  } catch (e) {
    if (e instanceof WebAssembly.LinkError) return ['rejected link: ' + oneLine(e.message)];
    out.push('instantiate ' + failure(e));
    return out;
  }
  out.push('instantiate ok');
  const hang = exports.find((e) => e.kind === 0 && e.name === 'hangLimitInitializer'
      && e.params.length === 0 && e.results.length === 0);
  for (const e of exports) {
    if (e.kind !== 0) continue;
    out.push('call ' + escapeName(e.name));
    if (e.params.includes('v128') || e.results.includes('v128')) {
      out.push('skip v128');
      continue;
    }
    try {
      if (hang) instance.exports[hang.name]();
      const r = instance.exports[e.name](...e.params.map(zeroOf));
      const values = e.results.length === 1 ? [r] : e.results.length === 0 ? [] : r;
      out.push(['result', ...e.results.map((t, k) => valueToken(t, values[k]))].join(' '));
    } catch (x) {
      out.push(failure(x));
    }
  }
  for (const e of exports) {
    if (e.kind !== 2) continue;
    const buffer = new Uint8Array(instance.exports[e.name].buffer);
    const sha = crypto.createHash('sha256').update(buffer).digest('hex');
    out.push('memory ' + escapeName(e.name) + ' ' + buffer.length / 65536 + ' ' + sha);
  }
  return out;
}

const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on('line', (path) => {
  let out;
  try {
    out = run(path);
  } catch (e) {
    out = ['harness-error ' + oneLine(e && e.stack)];
  }
  process.stdout.write(out.join('\n') + '\nend\n');
});
