package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
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
import org.wskemu.engine.Storage;
import org.wskemu.engine.spi.EngineStorage;
import org.wskemu.engine.spi.StorageSpi;

/**
 * The persistence module's side of kernel-engine's {@code PublicApiTest} (issue #11; DESIGN.md "What is
 * public"): no public or protected signature of a public type of {@code org.wskemu.persistence} names an
 * Axon type or the engine's internal storage SPI; the storages are opaque {@link Storage}s, and the
 * engine reaches what they do in Axon's terms through {@link StorageSpi} only.
 */
class PersistencePublicApiTest {

    /** The engine's packages outside the API (kernel-engine's PublicApiTest.INTERNAL). */
    static final Set<String> INTERNAL = Set.of("org.wskemu.engine.aggregate", "org.wskemu.engine.command",
            "org.wskemu.engine.spi");

    @Test
    void noPublicSignatureOfThePersistencePackageNamesAxonOrAnInternalType() throws Exception {
        List<String> leaks = new ArrayList<>();
        List<Class<?>> types = publicTypes(H2Storage.class);
        for (Class<?> type : types) {
            leaks(type, leaks);
        }
        assertTrue(types.contains(H2Storage.class) && types.contains(JdbcStorage.class) && types.contains(JdbcStore.class),
                "the scan found the package's types: " + types);
        assertTrue(types.size() >= 10, "the scan found the package's types: " + types);
        assertEquals(List.of(), leaks);
    }

    @Test
    void theScanSeesALeakWhereThereIsOne() {
        List<String> leaks = new ArrayList<>();
        leaks(AxonJdbcStorage.class, leaks); // package-private, and it does name Axon
        assertTrue(leaks.stream().anyMatch(l -> l.contains("org.axonframework.config.Configurer")), leaks.toString());
        List<String> spi = new ArrayList<>();
        leaks(Leaky.class, spi);
        assertEquals(List.of(Leaky.class.getName() + " names " + EngineStorage.class.getName()), spi);
    }

    @Test
    void theEngineReachesEachStorageThroughTheSpi() {
        try (H2Storage h2 = H2Storage.open(StoreLocation.memory());
             JdbcStorage jdbc = JdbcStorage.open(StoreLocation.memory())) {
            EngineStorage ofH2 = StorageSpi.of(h2);
            EngineStorage ofJdbc = StorageSpi.of(jdbc);
            assertSame(StorageSpi.of(h2.jdbc()), ofH2, "H2Storage's engine side is its JdbcStorage's");
            assertEquals(h2.describe(), ofH2.describe());
            assertEquals(jdbc.describe(), ofJdbc.describe());
            assertSame(ofJdbc, StorageSpi.of(jdbc), "one engine side per storage");
        }
        Storage unknown = new Storage() {
            @Override
            public String describe() {
                return "unknown";
            }

            @Override
            public void close() {
            }
        };
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> StorageSpi.of(unknown));
        assertTrue(refused.getMessage().startsWith("not a storage of the engine: "), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> StorageSpi.register(JdbcStorage.class, s -> null),
                "a storage class registers once");
    }

    /** A type that does leak the SPI (for the scan's own check). */
    public interface Leaky {
        /** @return the SPI */
        EngineStorage engine();
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
        } else if (type instanceof TypeVariable<?> v) {
            Stream.of(v.getBounds()).forEach(b -> raw(b, into));
        }
    }

    /** The public types (nested ones whose enclosing types are public too) of the main classes holding {@code anchor}. */
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
