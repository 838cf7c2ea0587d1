// The build must fail (invoker.buildResult = failure) with a message that says what and where.
def log = new File(basedir, 'build.log').text
def expected = [
    'wasmjar: wasm file not found: ',
    'src/main/wasm/missing.wasm (the <wasm> of module com.acme.Missing)',
    'BUILD FAILURE'
]
expected.each { if (!log.contains(it)) throw new AssertionError("build.log lacks: " + it) }
if (new File(basedir, 'target/classes/com/acme').exists())
    throw new AssertionError('a failed module left classes behind')
return true
