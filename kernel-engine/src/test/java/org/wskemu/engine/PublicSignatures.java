package org.wskemu.engine;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The walk that stands for a {@code module-info.java}'s export list (issue #11; DESIGN.md "What is
 * public"): the public types of a module, and the types their public and protected signatures name.
 * {@code PublicApiTest} walks the engine's modules with it, and the persistence module's
 * {@code PersistencePublicApiTest} walks its own (through this module's test jar), so both check one rule.
 */
public final class PublicSignatures {

    /** The engine's packages outside the API: aggregates, their commands, the storage SPI, the explorer. */
    public static final Set<String> INTERNAL = Set.of("org.wskemu.engine.aggregate", "org.wskemu.engine.command",
            "org.wskemu.engine.spi", "org.wskemu.engine.rules", "org.wskemu.engine.explore");

    /**
     * Internal packages that some of the project's own modules may use, as a {@code module-info.java}'s
     * qualified export ({@code exports org.wskemu.engine.explore to org.wskemu.cli, org.wskemu.bench}).
     */
    public static final java.util.Map<String, Set<String>> EXPORTED_TO = java.util.Map.of(
            "org.wskemu.engine.explore", Set.of("cli", "bench"));

    private PublicSignatures() {
    }

    /**
     * Adds to {@code leaks} one line for each Axon type or type of an {@link #INTERNAL} package that a public or
     * protected signature of {@code type} names (its supertypes, methods, constructors, fields, type-variable
     * bounds, generic arguments and array elements included).
     *
     * @param type  the type whose signatures are read
     * @param leaks where each leak is added, as "TYPE names NAME"
     */
    public static void leaks(Class<?> type, List<String> leaks) {
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
        Set<TypeVariable<?>> variables = new HashSet<>();
        seen.forEach(t -> raw(t, named, variables));
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

    /** The classes {@code type} names; each type variable's bounds once (a bound may name its variable). */
    private static void raw(Type type, Set<String> into, Set<TypeVariable<?>> variables) {
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (!element.isPrimitive()) {
                into.add(element.getName().replace('$', '.'));
            }
        } else if (type instanceof ParameterizedType p) {
            raw(p.getRawType(), into, variables);
            for (Type argument : p.getActualTypeArguments()) {
                raw(argument, into, variables);
            }
        } else if (type instanceof GenericArrayType a) {
            raw(a.getGenericComponentType(), into, variables);
        } else if (type instanceof WildcardType w) {
            Stream.concat(Stream.of(w.getUpperBounds()), Stream.of(w.getLowerBounds()))
                    .forEach(b -> raw(b, into, variables));
        } else if (type instanceof TypeVariable<?> v && variables.add(v)) {
            Stream.of(v.getBounds()).forEach(b -> raw(b, into, variables));
        }
    }

    /**
     * The public types (nested ones whose enclosing types are public too) of the classes directory or jar
     * holding {@code anchor}.
     *
     * @param anchor a type of the module to walk
     * @return its public types, loaded without being initialized
     * @throws IOException when the directory or jar cannot be read
     * @throws URISyntaxException when the anchor's location is no file
     * @throws ClassNotFoundException when a class file does not load
     */
    public static List<Class<?>> publicTypes(Class<?> anchor) throws IOException, URISyntaxException,
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
