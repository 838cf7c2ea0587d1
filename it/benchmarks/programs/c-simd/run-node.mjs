// Runs a wasip1 module under Node's node:wasi (preview1) and prints what it printed; the wall time
// of each run (instantiate + _start, not node's start-up nor the one-time compile) goes to stderr:
//   node --expose-gc run-node.mjs MODULE.wasm N [RUNS]
// The program gets the arguments [NAME, N], NAME being the file name up to its first dot. With RUNS
// (default 1) it runs that many times, checks that every run printed the same bytes and reports the
// median time too.
import { readFileSync, openSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { WASI } from 'node:wasi';

const [wasmPath, size, runsText = '1'] = process.argv.slice(2);
if (!wasmPath || !size) {
  console.error('usage: node --expose-gc run-node.mjs MODULE.wasm N [RUNS]');
  process.exit(2);
}
const runs = Number(runsText);
const name = basename(wasmPath).split('.')[0];
const module = await WebAssembly.compile(readFileSync(wasmPath));
const dir = mkdtempSync(join(tmpdir(), 'c-simd-node-'));
const times = [];
let first = null;
try {
  for (let i = 0; i < runs; i++) {
    const outPath = join(dir, `out-${i}`);
    const fd = openSync(outPath, 'w');
    const start = process.hrtime.bigint();
    const wasi = new WASI({ version: 'preview1', args: [name, size], env: {}, stdout: fd, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    const exit = wasi.start(instance);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    closeSync(fd);
    if (exit !== 0) {
      throw new Error(`${name} ${size}: exit code ${exit}`);
    }
    const out = readFileSync(outPath);
    if (first === null) {
      first = out;
    } else if (!first.equals(out)) {
      throw new Error(`${name} ${size}: run ${i} printed something else than run 0`);
    }
    times.push(ms);
    console.error(`${name} ${size} run ${i}: ${ms.toFixed(1)} ms`);
    // Node 20 can crash after many dead instances unless they are collected (see wasi-runner.mjs).
    globalThis.gc?.();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.stdout.write(first);
if (runs > 1) {
  const sorted = [...times].sort((a, b) => a - b);
  console.error(`${name} ${size} median of ${runs}: ${sorted[Math.floor(runs / 2)].toFixed(1)} ms`);
}
