// A whole node process running a WASI preview1 command, as a user runs one:
//   node --no-warnings wasi-main.mjs PROGRAM.wasm ARGS...
// (read, compile, instantiate, start; exit with the program's exit code). Used by WholeProcess.
import { readFile } from 'node:fs/promises';
import { WASI } from 'node:wasi';
import { argv, env, exit } from 'node:process';

const wasi = new WASI({ version: 'preview1', args: argv.slice(2), env, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(argv[2]));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
