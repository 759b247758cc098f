package org.wskemu.engine.spi;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.wskemu.engine.Storage;

/**
 * Internal: the way from an opaque {@link Storage} to what it does for the engine ({@link EngineStorage}),
 * after the JDK's {@code SharedSecrets}. A storage class of the persistence module implements only
 * {@link Storage} publicly, so no Axon type is in its public signature, and registers here, in its
 * static initializer, how to reach the {@link EngineStorage} it keeps privately. Having an instance
 * means its class was initialized, so it has registered. A storage that implements {@link EngineStorage}
 * itself (the engine's in-memory one) needs no registration.
 */
public final class StorageSpi {

    private static final Map<Class<?>, Function<Storage, EngineStorage>> ACCESS = new ConcurrentHashMap<>();

    private StorageSpi() {
    }

    /**
     * Registers how the engine reaches the {@link EngineStorage} of the storages of {@code type} (and of
     * its subclasses, when none of theirs is registered).
     *
     * @param type   the storage class; never null
     * @param access what gives a storage's {@link EngineStorage}; never null, never returning null
     * @param <S>    the storage class
     * @throws IllegalStateException when {@code type} is registered already
     */
    public static <S extends Storage> void register(Class<S> type, Function<? super S, EngineStorage> access) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(access, "access");
        Function<Storage, EngineStorage> cast = storage -> access.apply(type.cast(storage));
        if (ACCESS.putIfAbsent(type, cast) != null) {
            throw new IllegalStateException("a storage access is registered already for " + type.getName());
        }
    }

    /**
     * What {@code storage} does for the engine.
     *
     * @param storage a storage of the engine or of the persistence module; never null
     * @return its engine side; never null
     * @throws IllegalArgumentException when {@code storage} is not a storage of the engine
     */
    public static EngineStorage of(Storage storage) {
        Objects.requireNonNull(storage, "storage");
        if (storage instanceof EngineStorage engineStorage) {
            return engineStorage;
        }
        Function<Storage, EngineStorage> access = ACCESS.get(storage.getClass());
        if (access == null) {
            access = ACCESS.entrySet().stream().filter(e -> e.getKey().isInstance(storage)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }
        if (access == null) {
            throw new IllegalArgumentException("not a storage of the engine: " + storage.getClass().getName()
                    + " (use the persistence module's H2Storage or JdbcStorage)");
        }
        return Objects.requireNonNull(access.apply(storage), "the registered access gave no engine storage");
    }
}
