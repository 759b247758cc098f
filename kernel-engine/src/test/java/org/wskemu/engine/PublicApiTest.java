package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wskemu.api.SocketId;
import org.wskemu.security.Sid;

/**
 * The packaging that stands for a {@code module-info.java} (issue #11; DESIGN.md "What is public"):
 * kernel-api, security and kernel-engine export every package except the engine's internal ones
 * ({@link #INTERNAL}); no public signature of an exported package names an Axon type or an internal
 * type, and the modules an embedder sees beside the engine (cli, bench, recording, wskemu-test) use
 * no internal package. [emulator choice] equivalent packaging, not yet a {@code module-info.java}:
 * Axon 4.13's jars declare automatic module names and split no package among them, so one is
 * possible, but it moves every test of the module onto the module path (surefire patches the test
 * classes in), which Jazzer's and jqwik's engines were not checked against; this test is the check
 * meanwhile, and the internal packages say so in their {@code package-info}.
 */
class PublicApiTest {

    /** The engine's packages outside the API: aggregates, their commands, the storage SPI. */
    static final Set<String> INTERNAL = Set.of("org.wskemu.engine.aggregate", "org.wskemu.engine.command",
            "org.wskemu.engine.spi");

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
                        if (text.contains(internal + ".")) {
                            uses.add(file + " uses " + internal);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), uses);
    }

    private static void leaks(Class<?> type, List<String> leaks) {
        List<Type> seen = new ArrayList<>();
        if (type.getGenericSuperclass() != null) {
            seen.add(type.getGenericSuperclass());
        }
        seen.addAll(List.of(type.getGenericInterfaces()));
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic()) {
                seen.add(method.getGenericReturnType());
                seen.addAll(List.of(method.getGenericParameterTypes()));
                seen.addAll(List.of(method.getGenericExceptionTypes()));
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers())) {
                seen.addAll(List.of(constructor.getGenericParameterTypes()));
            }
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers())) {
                seen.add(field.getGenericType());
            }
        }
        Set<String> named = new TreeSet<>();
        seen.forEach(t -> raw(t, named));
        for (String name : named) {
            String packageName = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : "";
            if (name.startsWith("org.axonframework.") || INTERNAL.stream().anyMatch(packageName::startsWith)) {
                leaks.add(type.getName() + " names " + name);
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void raw(Type type, Set<String> into) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive()) {
                into.add(element.getName().replace('$', '.'));
            }
        } else if (type instanceof ParameterizedType p) {
            raw(p.getRawType(), into);
            for (Type argument : p.getActualTypeArguments()) {
                raw(argument, into);
            }
        } else if (type instanceof GenericArrayType a) {
            raw(a.getGenericComponentType(), into);
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds())).forEach(b -> raw(b, into));
        }
    }

    /** The public types (nested ones whose enclosing types are public too) of the module holding {@code anchor}. */
    private static List<Class<?>> publicTypes(Class<?> anchor) throws IOException, URISyntaxException,
            ClassNotFoundException {
        Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> names.add(location.relativize(f).toString().replace('\\', '/')));
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                jar.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class")).forEach(names::add);
            }
        }
        List<Class<?>> types = new ArrayList<>();
        for (String name : names) {
            if (name.endsWith("module-info.class") || name.endsWith("package-info.class")) {
                continue;
            }
            Class<?> type = Class.forName(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                    false, anchor.getClassLoader());
            if (isPublicAllTheWay(type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static boolean isPublicAllTheWay(Class<?> type) {
        for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
            if (!Modifier.isPublic(t.getModifiers()) || t.isAnonymousClass() || t.isLocalClass()) {
                return false;
            }
        }
        return true;
    }
}
