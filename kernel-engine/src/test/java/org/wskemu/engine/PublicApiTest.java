package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.engine.PublicSignatures.INTERNAL;
import static org.wskemu.engine.PublicSignatures.leaks;
import static org.wskemu.engine.PublicSignatures.publicTypes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.SocketId;
import org.wskemu.security.Sid;

/**
 * The packaging that stands for a {@code module-info.java} (issue #11; DESIGN.md "What is public"):
 * kernel-api, security and kernel-engine export every package except the engine's internal ones
 * ({@link PublicSignatures#INTERNAL}, walked by {@link PublicSignatures}); no public signature of an exported package names an Axon type or an internal
 * type, and the modules an embedder sees beside the engine (cli, bench, recording, wskemu-test) use
 * no internal package. [emulator choice] equivalent packaging, not yet a {@code module-info.java}:
 * Axon 4.13's jars declare automatic module names and split no package among them, so one is
 * possible, but it moves every test of the module onto the module path (surefire patches the test
 * classes in), which Jazzer's and jqwik's engines were not checked against; this test is the check
 * meanwhile, and the internal packages say so in their {@code package-info}.
 */
class PublicApiTest {

    /**
     * The one internal type another module may name: the bench times the plain model of the rules
     * beside the engine (BENCHMARKS.md); no embedder-facing module (cli, recording, wskemu-test) may.
     */
    static final String BENCH_MAY_USE = "org.wskemu.engine.rules.PlainModel";

    @Test
    void noPublicSignatureOfAnExportedPackageNamesAxonOrAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> exported = new ArrayList<>();
        for (Class<?> anchor : List.of(SocketId.class, Sid.class, WskEmulator.class)) {
            for (Class<?> type : publicTypes(anchor)) {
                if (!INTERNAL.contains(type.getPackageName())) {
                    exported.add(type);
                    leaks(type, leaks);
                }
            }
        }
        assertTrue(exported.size() > 100, "the scan found the API's types: " + exported.size());
        assertTrue(exported.contains(WskEmulator.Builder.class));
        assertEquals(List.of(), leaks);
    }

    @Test
    void theScanSeesALeakWhereThereIsOne() throws Exception {
        // the internal SPI does name Axon: the same walk finds it there
        List<String> leaks = new ArrayList<>();
        leaks(org.wskemu.engine.spi.EngineStorage.class, leaks);
        assertTrue(leaks.stream().anyMatch(l -> l.contains("org.axonframework.config.Configurer")), leaks.toString());
    }

    @Test
    void theOtherModulesUseNoInternalPackage() throws IOException {
        List<String> uses = new ArrayList<>();
        for (String module : List.of("cli", "bench", "recording", "wskemu-test")) {
            Path sources = Path.of("..", module, "src", "main", "java");
            assertTrue(Files.isDirectory(sources), sources + " exists (tests run in the module directory)");
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(file);
                    for (String internal : INTERNAL) {
                        boolean benchReference = module.equals("bench")
                                && text.replace(BENCH_MAY_USE, "").indexOf(internal + ".") < 0;
                        boolean exported = PublicSignatures.EXPORTED_TO.getOrDefault(internal, Set.of()).contains(module);
                        if (text.contains(internal + ".") && !benchReference && !exported) {
                            uses.add(file + " uses " + internal);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), uses);
    }
}
