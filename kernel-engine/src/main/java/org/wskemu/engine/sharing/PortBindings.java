package org.wskemu.engine.sharing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.security.SecurityDescriptor;

/**
 * The live bindings of one port in bind order, grouped into classes of equivalent bindings (same
 * option, address and descriptor). Two bindings of one class give every request the same cell and
 * the same access-check outcome, so a decision costs one evaluation per class, not per binding:
 * a port crowded with thousands of alike bindings decides as fast as one with a handful.
 *
 * <p>A port belongs to one name space (SPEC.md 6a): each binding is indexed by the address it holds
 * there ({@link Binding#heldIn}), so a dual-stack wildcard is {@code 0.0.0.0} on an {@code inet} port,
 * and it is a class of its own (SPEC.md 6a.3 treats it apart).
 *
 * <p>Not thread-safe; owned by one Port aggregate.
 */
public final class PortBindings {

    /** Equivalent bindings: same option, held address, descriptor, and whether a dual-stack wildcard. */
    record ClassKey(SharingOption option, String host, SecurityDescriptor descriptor, boolean dualStackWildcard) {
    }

    /** The members of one class, by bind sequence. */
    static final class BindingClass {
        final ClassKey key;
        final AddressKind kind;
        final TreeMap<Long, Binding> members = new TreeMap<>();

        BindingClass(ClassKey key, AddressKind kind) {
            this.key = key;
            this.kind = kind;
        }

        long firstSequence() {
            return members.firstKey();
        }

        Binding first() {
            return members.firstEntry().getValue();
        }
    }

    private record Entry(long sequence, ClassKey key) {
    }

    /** The port's name space, or null for each binding's own (tests and the matrix). */
    private final AddressFamily nameSpace;
    private long nextSequence = 1;
    private final Map<SocketId, Entry> bySocket = new HashMap<>();
    private final Map<ClassKey, BindingClass> classes = new LinkedHashMap<>();
    private final Map<String, Set<ClassKey>> classesByHost = new HashMap<>();

    /** An empty port whose bindings are held in their own address's name space. */
    public PortBindings() {
        this(null);
    }

    /**
     * An empty port of name space {@code nameSpace}.
     *
     * @param nameSpace the port's name space, or null for each binding's own
     */
    public PortBindings(AddressFamily nameSpace) {
        this.nameSpace = nameSpace;
    }

    /**
     * Builds the index of {@code bindings}, given in bind order, each in its own name space.
     *
     * @param bindings the live bindings, in bind order
     * @return the index
     */
    public static PortBindings of(List<Binding> bindings) {
        return of(null, bindings);
    }

    /**
     * Builds the index of {@code bindings}, given in bind order, of a port of {@code nameSpace}.
     *
     * @param nameSpace the port's name space, or null for each binding's own
     * @param bindings  the live bindings, in bind order
     * @return the index
     */
    public static PortBindings of(AddressFamily nameSpace, List<Binding> bindings) {
        PortBindings index = new PortBindings(nameSpace);
        bindings.forEach(index::add);
        return index;
    }

    /**
     * Adds a binding after all others.
     *
     * @param binding the new binding
     * @throws IllegalStateException when its socket is already bound on this port
     */
    public void add(Binding binding) {
        Objects.requireNonNull(binding, "binding");
        if (bySocket.containsKey(binding.socket())) {
            throw new IllegalStateException("socket " + binding.socket() + " is already bound on this port");
        }
        TransportAddress held = binding.heldIn(nameSpace);
        ClassKey key = new ClassKey(binding.option(), held.host(), binding.descriptor(), binding.dualStackWildcard());
        long sequence = nextSequence++;
        classes.computeIfAbsent(key, k -> {
            classesByHost.computeIfAbsent(k.host(), h -> new LinkedHashSet<>()).add(k);
            return new BindingClass(k, held.kind());
        }).members.put(sequence, binding);
        bySocket.put(binding.socket(), new Entry(sequence, key));
    }

    /**
     * Removes a socket's binding.
     *
     * @param socket the socket
     * @return the binding removed, or null if the socket holds none here
     */
    public Binding remove(SocketId socket) {
        Entry entry = bySocket.remove(socket);
        if (entry == null) {
            return null;
        }
        BindingClass bindingClass = classes.get(entry.key());
        Binding removed = bindingClass.members.remove(entry.sequence());
        if (bindingClass.members.isEmpty()) {
            classes.remove(entry.key());
            Set<ClassKey> forHost = classesByHost.get(entry.key().host());
            forHost.remove(entry.key());
            if (forHost.isEmpty()) {
                classesByHost.remove(entry.key().host());
            }
        }
        return removed;
    }

    /** {@return how many live bindings the port holds} */
    public int size() {
        return bySocket.size();
    }

    /** {@return whether the port holds no binding} */
    public boolean isEmpty() {
        return bySocket.isEmpty();
    }

    /**
     * Whether {@code socket} holds a binding on this port.
     *
     * @param socket the socket
     * @return true when it does
     */
    public boolean holds(SocketId socket) {
        return bySocket.containsKey(socket);
    }

    /** {@return every live binding, in bind order} */
    public List<Binding> inBindOrder() {
        TreeMap<Long, Binding> all = new TreeMap<>();
        classes.values().forEach(c -> all.putAll(c.members));
        return List.copyOf(all.values());
    }

    /**
     * The classes holding an address that overlaps {@code address} (SPEC.md 6.2: both wildcard, one
     * wildcard and one specific, or the same specific address), ordered by their first binding.
     */
    List<BindingClass> overlapping(TransportAddress address) {
        List<BindingClass> result = new ArrayList<>();
        if (address.isWildcard()) {
            result.addAll(classes.values());
        } else {
            String wildcardHost = TransportAddress.wildcard(address.family(), 0).host();
            for (String host : List.of(wildcardHost, address.host())) {
                Set<ClassKey> keys = classesByHost.get(host);
                if (keys != null) {
                    keys.forEach(k -> result.add(classes.get(k)));
                }
            }
        }
        result.sort(Comparator.comparingLong(BindingClass::firstSequence));
        return result;
    }
}
