// The JUnit test (run by the build) checked the behaviour; here: the plugin compiled the preview1 module.
def log = new File(basedir, 'build.log').text
def fail = { String msg -> throw new AssertionError(msg) }
if (!(log =~ /wasmjar: compiled \S*testdata\/wasip1\/rust\/main\.wasm \([0-9,.]+ bytes\) in \d+ ms: facade com\.acme\.RustFiles/))
    fail('the plugin did not log what it compiled')
if (!(log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/))
    fail('RustFilesTest did not run and pass')
def facade = new File(basedir, 'target/generated-sources/wasmjar/com/acme/RustFiles.java')
if (!facade.text.contains('public static int run(dev.wasmjar.runtime.wasi.WasiConfig config)'))
    fail('facade source lacks run(WasiConfig)')
return true
