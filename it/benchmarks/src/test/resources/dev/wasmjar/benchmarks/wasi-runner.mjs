// Runs a wasip1 program under Node's node:wasi, timing each run inside node (not process start):
//   node --expose-gc wasi-runner.mjs PROGRAM.wasm WARMUP ITERATIONS [ARGS...]
// The module is compiled once (like the JVM engines' prepare step); every run instantiates it
// afresh with a new WASI instance, stdout going to a temporary file. Prints one line per measured
// run, "time <nanoseconds>" (and "first <nanoseconds>" for the very first, cold run), then "exit <code>" and "stdout <base64>" of the last run; runs whose
// output differs from the first one's make the script fail.
import { readFileSync, openSync, closeSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, basename } from 'node:path';
import { WASI } from 'node:wasi';

const [wasmPath, warmupText, iterationsText, ...args] = process.argv.slice(2);
const warmup = Number(warmupText);
const iterations = Number(iterationsText);
const programName = basename(wasmPath).split('.')[0];
const module = await WebAssembly.compile(readFileSync(wasmPath));
const dir = mkdtempSync(join(tmpdir(), 'wasmjar-node-'));
let first = null;
let exit = 0;
try {
  for (let i = 0; i < warmup + iterations; i++) {
    const outPath = join(dir, `out-${i}`);
    const fd = openSync(outPath, 'w');
    const start = process.hrtime.bigint();
    const wasi = new WASI({ version: 'preview1', args: [programName, ...args], env: {}, stdout: fd, returnOnExit: true });
    const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
    exit = wasi.start(instance);
    const elapsed = process.hrtime.bigint() - start;
    closeSync(fd);
    const out = readFileSync(outPath);
    if (first === null) {
      first = out;
    } else if (!first.equals(out)) {
      throw new Error(`run ${i} printed something else than run 0`);
    }
    // Node 20 segfaults after a dozen instances of these modules unless the dead ones (and their
    // memory reservations) are collected: a full GC between runs, outside the timing.
    globalThis.gc();
    if (i === 0) {
      console.log(`first ${elapsed}`);
    }
    if (i >= warmup) {
      console.log(`time ${elapsed}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`exit ${exit}`);
console.log(`stdout ${first.toString('base64')}`);
