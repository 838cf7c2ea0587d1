def log = new File(basedir, 'build.log').text
def fail = { String msg -> throw new AssertionError(msg) }

if (!(log.contains('testdata/tinygo/exports/exports.wasm') && log.contains('wasmjar: compiled ')))
    fail('lib did not compile the module')
if (!(log =~ /Tests run: 7, Failures: 0, Errors: 0, Skipped: 0/))
    fail('ExportsTest did not run and pass')
def jar = new File(basedir, 'lib/target/lib-1.0.jar')
def names = new java.util.jar.JarFile(jar).withCloseable { jf -> jf.entries().collect { it.name } }
['com/acme/lib/Exports.class', 'com/acme/lib/Exports$Module.class'].each {
    if (!names.contains(it)) fail("lib jar lacks $it: $names")
}
println "lib jar: ${jar.length()} bytes"
return true
