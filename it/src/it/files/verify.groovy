def log = new File(basedir, 'build.log').text
def fail = { String msg -> throw new AssertionError(msg) }

if (!(log.contains('testdata/tinygo/files/files.wasm') && log.contains('wasmjar: compiled ')))
    fail('the plugin did not compile the module')
if (!(log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: [0-9.]+ s -- in com\.acme\.FileDemoTest/))
    fail('FileDemoTest did not run and pass')
if (!new File(basedir, 'target/classes/com/acme/FileDemo\$Module.class').isFile())
    fail('no instance class in target/classes')
return true
