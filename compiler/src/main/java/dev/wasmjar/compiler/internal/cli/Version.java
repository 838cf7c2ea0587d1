package dev.wasmjar.compiler.internal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version {@code wasmjar --version} reports. The shaded {@code wasmjar.jar} states it as
 * {@code Implementation-Version} in its manifest; a jar built without that entry still carries
 * the Maven descriptor the jar plugin adds; classes run from a build directory (tests, an IDE)
 * have neither and report {@value #FALLBACK}.
 */
final class Version {
    static final String FALLBACK = "dev";
    private static final String POM_PROPERTIES = "/META-INF/maven/dev.wasmjar/wasmjar-compiler/pom.properties";

    private Version() {
    }

    /** This program's version. */
    static String current() {
        String manifest = Version.class.getPackage().getImplementationVersion();
        try (InputStream pom = Version.class.getResourceAsStream(POM_PROPERTIES)) {
            return resolve(manifest, pom);
        } catch (IOException e) {
            return resolve(manifest, null);
        }
    }

    /**
     * The manifest's version if there is one, else the {@code version} in {@code pomProperties}
     * (may be {@code null}), else {@value #FALLBACK}.
     */
    static String resolve(String manifestVersion, InputStream pomProperties) {
        if (manifestVersion != null && !manifestVersion.isBlank()) {
            return manifestVersion.trim();
        }
        if (pomProperties != null) {
            Properties p = new Properties();
            try {
                p.load(pomProperties);
            } catch (IOException | IllegalArgumentException e) {
                // A damaged descriptor says nothing reliable: fall through to the fallback.
                return FALLBACK;
            }
            String v = p.getProperty("version");
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return FALLBACK;
    }
}
