package org.wskemu.persistence;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, resolving only wskemu's own types (issue #17, untrusted stores): a stored
 * event's or snapshot's {@code payloadType} naming any other class is damage, refused before the class
 * is even loaded, so a store handed over by someone else cannot make Axon instantiate a class of its
 * choosing (a Jackson gadget) while it loads an aggregate or feeds the read-model processor.
 *
 * <p>[emulator choice] "wskemu's own" is every class under {@code org.wskemu.} (the kernel's events
 * and the aggregates snapshotted; an embedder's test aggregates live there too), Axon's
 * {@code MetaData} and Axon's empty type; the log's own reader keeps the narrower list of the kernel's
 * event types.
 */
final class OwnTypesSerializer extends JacksonSerializer {

    private static final String META_DATA = "org.axonframework.messaging.MetaData";
    private final StoreLocation location;

    OwnTypesSerializer(Builder builder, StoreLocation location) {
        super(builder);
        this.location = location;
    }

    /** @return whether a stored object of this type may be read */
    static boolean allowed(String name) {
        return name != null && (name.startsWith("org.wskemu.") || name.equals(META_DATA)
                || name.equals(SimpleSerializedType.emptyType().getName()));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        if (!allowed(type.getName())) {
            throw StoreFailure.damaged(location, "a stored event "
                    + "or snapshot names the type '" + H2Store.oneLine(String.valueOf(type.getName()))
                    + "', which is not one of wskemu's (it was not loaded)", null);
        }
        return super.classForType(type);
    }
}
