// The build must fail (invoker.buildResult = failure) with a message that says what and where.
def log = new File(basedir, 'build.log').text
def expected = [
    'wasmjar: cannot compile src/main/wasm/needs-env.wasm into com.acme.NeedsEnv: unsupported import (the generated class links only WASI 0.2 imports):',
    'env.foo: function (i32)->() is not provided by the WASI 0.2 host',
    'BUILD FAILURE'
]
expected.each { if (!log.contains(it)) throw new AssertionError("build.log lacks: " + it) }
if (new File(basedir, 'target/classes/com/acme').exists())
    throw new AssertionError('a failed module left classes behind')
return true
