// Checks what the build left behind; the JUnit tests (run by the build) checked the behaviour.
def log = new File(basedir, 'build.log').text
def fail = { String msg -> throw new AssertionError(msg) }

if (!(log =~ /wasmjar: compiled \S*examples\/hello\/hello\.wasm \([0-9,.]+ bytes\) in \d+ ms: facade com\.acme\.Hello \(target\/generated-sources\/wasmjar\/com\/acme\/Hello\.java\), \d+ classes in target\/classes/))
    fail('the plugin did not log what it compiled')
if (!(log.contains('wasmjar: com.acme.Hello is up to date (') && log.contains('examples/hello/hello.wasm)')))
    fail('the second build recompiled an unchanged module')
if (!(log =~ /Tests run: 4, Failures: 0, Errors: 0, Skipped: 0/))
    fail('HelloTest did not run and pass')

def facade = new File(basedir, 'target/generated-sources/wasmjar/com/acme/Hello.java')
if (!facade.text.contains('public static int run(dev.wasmjar.runtime.wasi.WasiConfig config)'))
    fail('facade source lacks run(WasiConfig)')

def jar = new File(basedir, 'target/hello-1.0.jar')
if (!jar.isFile()) fail("no jar: $jar")
def names = new java.util.jar.JarFile(jar).withCloseable { jf -> jf.entries().collect { it.name } }
['com/acme/Hello.class', 'com/acme/Hello$Module.class', 'com/acme/Main.class'].each {
    if (!names.contains(it)) fail("jar lacks $it: $names")
}
// The README's Java example is this project's Main.java, character for character.
def readme = new File(basedir, '../../../../README.md')
if (readme.isFile()) {
    def block = (readme.text =~ /(?s)```java\n(package com\.acme;.*?public class Main .*?)```/)
    if (!block.find()) fail('README has no Main example')
    if (block.group(1).trim() != new File(basedir, 'src/main/java/com/acme/Main.java').text.trim())
        fail('README example and it/src/it/hello/src/main/java/com/acme/Main.java differ')
} else {
    println "README not found at $readme: example not compared"
}
println "hello jar: ${jar.length()} bytes, ${names.count { it.endsWith('.class') }} classes"
return true
