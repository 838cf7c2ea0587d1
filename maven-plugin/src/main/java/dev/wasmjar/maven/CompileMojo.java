package dev.wasmjar.maven;

import dev.wasmjar.compiler.CompileException;
import dev.wasmjar.compiler.internal.build.ModuleBuild;
import dev.wasmjar.maven.internal.Stamp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Compiles WebAssembly modules (TinyGo {@code wasip2} components, or core modules) into JVM
 * classes and a typed Java facade per module.
 *
 * <p>For each {@code <module>}, the instance classes ({@code com.acme.Hello$Module}, ...) go to
 * the output directory and the facade source ({@code com/acme/Hello.java}) to
 * {@code target/generated-sources/wasmjar}, which becomes a compile source root, so the facade
 * is compiled with, and usable from, the project's own code. Runs in {@code generate-sources}
 * by default. A module is rebuilt only when its input bytes, its options or the compiler
 * change. The project needs {@code dev.wasmjar:wasmjar-runtime} as a dependency; nothing else
 * of wasmjar reaches its class path.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE)
public class CompileMojo extends AbstractMojo {
    private static final String RUNTIME_GROUP = "dev.wasmjar";
    private static final String RUNTIME_ARTIFACT = "wasmjar-runtime";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** The modules to compile: {@code <module><wasm>...</wasm><className>...</className></module>}. */
    @Parameter
    private List<Module> modules;

    /** Skips the goal. */
    @Parameter(property = "wasmjar.skip", defaultValue = "false")
    private boolean skip;

    /**
     * Whether the build fails when a module imports something the WASI 0.2 host does not
     * provide (when false, it warns, and the facade's {@code Imports.Resolver} constructor must
     * supply it). A module's own {@code <checkImports>} overrides this.
     */
    @Parameter(property = "wasmjar.checkImports", defaultValue = "true")
    private boolean checkImports;

    /** Where the generated classes go. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File outputDirectory;

    /** Where the facade sources go (added as a compile source root). */
    @Parameter(defaultValue = "${project.build.directory}/generated-sources/wasmjar", required = true)
    private File generatedSourcesDirectory;

    /** Where the up-to-date stamps live. */
    @Parameter(defaultValue = "${project.build.directory}/wasmjar", required = true)
    private File stampDirectory;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("wasmjar: skipped (wasmjar.skip)");
            return;
        }
        if (modules == null || modules.isEmpty()) {
            getLog().warn("wasmjar: no <modules> configured, nothing to compile");
            return;
        }
        checkRuntimeDependency();
        Path basedir = project.getBasedir().toPath();
        Path classes = outputDirectory.toPath();
        Path sources = generatedSourcesDirectory.toPath();
        Path stamps = stampDirectory.toPath();
        Set<String> classNames = new HashSet<>();
        for (int i = 0; i < modules.size(); i++) {
            Module m = modules.get(i);
            String where = "<module> #" + (i + 1) + (m.getWasm() == null ? "" : " (" + m.getWasm() + ")");
            if (m.getWasm() == null) {
                throw new MojoFailureException("wasmjar: " + where + " has no <wasm> file");
            }
            if (m.getClassName() == null || m.getClassName().isBlank()) {
                throw new MojoFailureException("wasmjar: " + where + " has no <className>");
            }
            if (!classNames.add(m.getClassName().trim())) {
                throw new MojoFailureException("wasmjar: " + where + ": className " + m.getClassName()
                        + " is used by two modules");
            }
        }
        try {
            Stamp.removeUnconfigured(stamps, classNames, classes, sources, getLog());
            for (Module m : modules) {
                build(m, basedir, classes, sources, stamps);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("wasmjar: cannot write the generated files: " + e, e);
        }
        project.addCompileSourceRoot(sources.toString());
    }

    private void build(Module m, Path basedir, Path classes, Path sources, Path stamps)
            throws IOException, MojoFailureException {
        String className = m.getClassName().trim();
        Path wasm = basedir.resolve(m.getWasm().toPath());
        String shown = display(basedir, wasm);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(wasm);
        } catch (NoSuchFileException e) {
            throw new MojoFailureException("wasmjar: wasm file not found: " + wasm + " (the <wasm> of module "
                    + className + ")");
        }
        ModuleBuild.Options options = new ModuleBuild.Options()
                .className(className)
                .source(shown)
                .include(m.getExports())
                .checkImports(m.getCheckImports() != null ? m.getCheckImports() : checkImports);
        String stamp = ModuleBuild.stamp(bytes, options);
        Path stampFile = stamps.resolve(className + ".stamp");
        Stamp previous = Stamp.read(stampFile);
        Path facadeFile = sources.resolve(className.replace('.', '/') + ".java");
        if (previous != null && previous.upToDate(stamp, classes) && Files.isRegularFile(facadeFile)) {
            getLog().info("wasmjar: " + className + " is up to date (" + shown + ")");
            return;
        }
        long t0 = System.nanoTime();
        ModuleBuild build;
        try {
            build = ModuleBuild.compile(bytes, options);
        } catch (CompileException e) {
            throw new MojoFailureException("wasmjar: cannot compile " + shown + " into " + className + ": "
                    + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("wasmjar: bad configuration for " + shown + ": " + e.getMessage(), e);
        }
        for (String w : build.warnings()) {
            getLog().warn("wasmjar: " + shown + ": " + w);
        }
        if (previous != null) {
            previous.deleteStaleClasses(classes, build.classFiles());
        }
        build.writeClasses(classes);
        Path facade = build.writeFacadeSource(sources);
        new Stamp(stamp, build.classFiles()).write(stampFile);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        getLog().info(String.format(Locale.ROOT, "wasmjar: compiled %s (%,d bytes) in %d ms: facade %s (%s), %d classes in %s",
                shown, bytes.length, ms, className, display(basedir, facade), build.classFiles().size(),
                display(basedir, classes)));
    }

    /**
     * The generated classes extend the runtime's classes and the facade calls them: without the
     * runtime on the class path the project cannot compile, so say so plainly up front.
     */
    private void checkRuntimeDependency() throws MojoFailureException {
        List<String> versions = new ArrayList<>();
        for (Artifact a : project.getArtifacts()) {
            if (RUNTIME_GROUP.equals(a.getGroupId()) && RUNTIME_ARTIFACT.equals(a.getArtifactId())) {
                versions.add(a.getBaseVersion());
            }
        }
        if (versions.isEmpty()) {
            throw new MojoFailureException("wasmjar: the generated classes need dev.wasmjar:wasmjar-runtime: add\n"
                    + "  <dependency>\n    <groupId>dev.wasmjar</groupId>\n    <artifactId>wasmjar-runtime</artifactId>\n"
                    + "    <version>" + ModuleBuild.version() + "</version>\n  </dependency>\n"
                    + "to the <dependencies> of " + project.getId());
        }
        String mine = ModuleBuild.version();
        if (!"dev".equals(mine) && !versions.contains(mine)) {
            getLog().warn("wasmjar: the project uses wasmjar-runtime " + versions.get(0) + ", but this plugin generates code for "
                    + mine + ": use the same version for both");
        }
    }

    /** {@code path} relative to the basedir, with forward slashes, if inside it; else absolute. */
    static String display(Path basedir, Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path base = basedir.toAbsolutePath().normalize();
        String s = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
        return s.replace(File.separatorChar, '/');
    }
}
