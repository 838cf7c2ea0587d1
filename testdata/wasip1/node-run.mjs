// Reference runner: node testdata/wasip1/node-run.mjs [--dir HOST::GUEST]... [--env K=V]... PROG.wasm [ARGS...]
// Runs a wasip1 command under node:wasi with the same flags as `wasmjar run`; exits with its code.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, exit } from 'node:process';

const preopens = {};
const env = {};
let i = 2;
for (; i < argv.length; i++) {
  if (argv[i] === '--dir') {
    const [host, guest] = argv[++i].split('::');
    preopens[guest ?? host] = host;
  } else if (argv[i] === '--env') {
    const kv = argv[++i];
    const eq = kv.indexOf('=');
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  } else if (argv[i] === '--') {
    i++;
    break;
  } else {
    break;
  }
}
const program = argv[i];
const args = argv.slice(i + 1);
const wasi = new WASI({ version: 'preview1', args: [program, ...args], env, preopens, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
