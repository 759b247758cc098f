package org.wskemu.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.RunStarted;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import org.axonframework.serialization.json.JacksonSerializer;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.HostAddress;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.OptionCode;
import org.wskemu.api.PortKey;
import org.wskemu.api.SessionRun;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;

/**
 * The JSON form of events, commands and snapshots. Value types travel as their text form (an
 * address as {@code 0.0.0.0:80}, a descriptor as SDDL, a SID as {@code S-1-5-18}), so the stored
 * events read like the session files that produced them. A {@link SessionRun} travels as its number
 * (0 for none) and a {@link ControlRequest} in its earlier shape, so the sealed types that replaced
 * those nullable or sentinel fields (issue #11) left the stored JSON as it was. Field visibility lets Jackson snapshot
 * aggregates, which have no getters.
 */
public final class EngineJackson {

    /**
     * Fields added to stored types after stores were written, with the value an older event means
     * (issue #12's dual-stack sockets): a record missing one of these is read with the default, so
     * existing stores still load; any other missing field is still damage.
     */
    private static final Map<Class<?>, Map<String, JsonNode>> LATER_FIELDS = Map.of(
            Binding.class, Map.of("dualStack", BooleanNode.FALSE),
            Consultation.class, Map.of("nameSpace", NullNode.getInstance(), "dualStackExclusive", BooleanNode.FALSE),
            OwnershipRow.class, Map.of("dualStack", BooleanNode.FALSE),
            // issue #13: the session's SHA-256, absent from runs recorded before it
            RunStarted.class, Map.of("sha256", NullNode.getInstance()),
            // written without its null fields (NON_NULL below) to keep the per-call entry small
            CallsRecorded.Call.class, Map.of("expect", NullNode.getInstance(), "value", NullNode.getInstance(),
                    "diverged", NullNode.getInstance()));

    /** Leaves a recorded call's absent expectation out of the stored JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface WithoutNulls {
    }

    private static final ObjectMapper MAPPER = createMapper();

    /** Built on first use, so reading JSON with {@link #mapper()} needs no Axon class. */
    private static final class Axon {
        static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
                .objectMapper(MAPPER)
                .lenientDeserialization()
                .build();
    }

    private EngineJackson() {
    }

    /** {@return a new mapper configured for wskemu's messages (values as their text, unknown and missing properties refused)} */
    public static ObjectMapper createMapper() {
        SimpleModule values = new SimpleModule("wskemu-values");
        text(values, TransportAddress.class, TransportAddress::toString, TransportAddress::parse);
        text(values, SecurityDescriptor.class, SecurityDescriptor::toSddl, SecurityDescriptor::parse);
        text(values, Sid.class, Sid::value, Sid::parse);
        text(values, PortKey.class, PortKey::toString, PortKey::parse);
        text(values, OptionCode.class, o -> Integer.toUnsignedString(o.code()),
                s -> new OptionCode(Integer.parseUnsignedInt(s)));
        text(values, HostAddress.class, HostAddress::toString, HostAddress::parse);
        values.addSerializer(SessionRun.class, new JsonSerializer<SessionRun>() {
            @Override
            public void serialize(SessionRun run, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                generator.writeNumber(run.number());
            }
        });
        values.addDeserializer(SessionRun.class, new JsonDeserializer<SessionRun>() {
            @Override
            public SessionRun deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                // read as the long it was before (the same coercions); a negative run was never written
                long number = context.readValue(parser, Long.TYPE);
                try {
                    return SessionRun.of(number);
                } catch (IllegalArgumentException e) {
                    throw JsonMappingException.from(parser, "cannot read a session run: " + e.getMessage(), e);
                }
            }

            @Override
            public SessionRun getNullValue(DeserializationContext context) {
                // a null read as the long 0 before
                return SessionRun.NONE;
            }
        });
        stored(values, ControlRequest.class, StoredControlRequest.class, StoredControlRequest::of,
                StoredControlRequest::request);
        values.setDeserializerModifier(new LaterFields());
        return new ObjectMapper()
                .registerModule(values)
                .addMixIn(CallsRecorded.Call.class, WithoutNulls.class)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // a stored event is whole or damaged: a bit flipped in a field's name leaves the field
                // missing, which would be read as null (unknown names stay ignored: derived values
                // such as a mask's "empty" are written too, and only read back by their own field)
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /** {@return the shared mapper (thread-safe once configured)} */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** The Axon serializer of every message and snapshot. */
    static JacksonSerializer serializer() {
        return Axon.SERIALIZER;
    }

    /** Reads a type of {@link #LATER_FIELDS} with the defaults of the fields its JSON lacks. */
    private static final class LaterFields extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            Map<String, JsonNode> defaults = LATER_FIELDS.get(description.getBeanClass());
            return defaults == null ? deserializer : new WithDefaults(deserializer, defaults);
        }
    }

    private static final class WithDefaults extends DelegatingDeserializer {
        private final Map<String, JsonNode> defaults;

        WithDefaults(JsonDeserializer<?> delegate, Map<String, JsonNode> defaults) {
            super(delegate);
            this.defaults = defaults;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new WithDefaults(newDelegatee, defaults);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode tree = context.readTree(parser);
            if (tree instanceof ObjectNode object) {
                defaults.forEach((name, value) -> {
                    if (!object.has(name)) {
                        object.set(name, value);
                    }
                });
            }
            JsonParser filled = tree.traverse(parser.getCodec());
            filled.nextToken();
            return _delegatee.deserialize(filled, context);
        }
    }

    /**
     * The stored form of a {@link ControlRequest} (in {@code ControlRefused}), as written before its input
     * became a {@link ControlInput}: the ULONG as {@code value}, the descriptor as {@code descriptor}, each
     * null when absent. Both present cannot be written now; an event an embedder made so before is read
     * as the engine read it: the descriptor for SO_WSK_SECURITY, the value for any other option.
     */
    record StoredControlRequest(ControlType type, OptionCode option, OptionLevel level, int inputSize,
                                int outputSize, Integer value, SecurityDescriptor descriptor) {

        static StoredControlRequest of(ControlRequest request) {
            ControlInput input = request.input();
            return new StoredControlRequest(request.type(), request.option(), request.level(), request.inputSize(),
                    request.outputSize(), input instanceof ControlInput.Ulong ulong ? ulong.value() : null,
                    input instanceof ControlInput.Descriptor given ? given.descriptor() : null);
        }

        ControlRequest request() {
            ControlInput input;
            if (descriptor != null && (value == null || OptionCode.SO_WSK_SECURITY.equals(option))) {
                input = ControlInput.descriptor(descriptor);
            } else {
                input = value != null ? ControlInput.ulong(value) : ControlInput.NONE;
            }
            return new ControlRequest(type, option, level, inputSize, outputSize, input);
        }
    }

    /** Writes and reads {@code type} as its stored form {@code form}, a record Jackson reads strictly. */
    private static <T, F> void stored(SimpleModule module, Class<T> type, Class<F> form, Function<T, F> toForm,
                                      Function<F, T> fromForm) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                provider.defaultSerializeValue(toForm.apply(value), generator);
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                F read = context.readValue(parser, form);
                try {
                    return fromForm.apply(read);
                } catch (RuntimeException e) {
                    // as a record's own constructor refusing its parts: the stored value is damaged
                    throw JsonMappingException.from(parser, "cannot read " + type.getSimpleName() + ": " + e, e);
                }
            }
        });
    }

    private static <T> void text(SimpleModule module, Class<T> type, Function<T, String> print,
                                 Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(print.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                return parse.apply(parser.getValueAsString());
            }
        });
    }
}
