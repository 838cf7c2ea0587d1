package dev.wasmjar.maven;

import java.io.File;
import java.util.List;

/**
 * One wasm module to compile: the {@code <module>} element of the {@code compile} goal's
 * {@code <modules>}.
 *
 * <pre>{@code
 * <module>
 *   <wasm>src/main/wasm/hello.wasm</wasm>
 *   <className>com.acme.Hello</className>
 *   <!-- optional: -->
 *   <exports><export>add</export></exports>
 *   <checkImports>true</checkImports>
 * </module>
 * }</pre>
 */
public class Module {
    /** The wasm file (component or core module); relative paths resolve against the project's basedir. */
    private File wasm;
    /** The facade's fully qualified class name, e.g. {@code com.acme.Hello}. */
    private String className;
    /** The exports to expose as facade methods (default: every exported function). */
    private List<String> exports;
    /** Overrides the goal's {@code checkImports} for this module. */
    private Boolean checkImports;

    public File getWasm() {
        return wasm;
    }

    public void setWasm(File wasm) {
        this.wasm = wasm;
    }

    public String getClassName() {
        return className;
    }

    public void setClassName(String className) {
        this.className = className;
    }

    public List<String> getExports() {
        return exports;
    }

    public void setExports(List<String> exports) {
        this.exports = exports;
    }

    public Boolean getCheckImports() {
        return checkImports;
    }

    public void setCheckImports(Boolean checkImports) {
        this.checkImports = checkImports;
    }

    @Override
    public String toString() {
        return wasm + " -> " + className;
    }
}
