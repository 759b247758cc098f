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
import org.wskemu.api.sharing.BindDecision;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wskemu.api.event.CallsRecorded;
import org.wskemu.api.event.RunStarted;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.introspect.AnnotatedConstructor;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
            // issue #25: a port-0 bind's recorded port (SPEC.md 6, rule 1a), written only when there is one
            BindDecision.class, Map.of("recordedPort", NullNode.getInstance()),
            // written without its null fields (NON_NULL below) to keep the per-call entry small
            CallsRecorded.Call.class, Map.of("expect", NullNode.getInstance(), "value", NullNode.getInstance(),
                    "diverged", NullNode.getInstance()));

    /** Leaves a recorded call's absent expectation out of the stored JSON. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface WithoutNulls {
    }

    /** Leaves a decision's absent recorded port out of the stored JSON, so decisions without one keep their bytes. */
    private interface RecordedPortWhenPresent {
        @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer recordedPort();
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
        ObjectMapper mapper = new ObjectMapper();
        mapper.setAnnotationIntrospector(new LaterFields());
        mapper.setInjectableValues(laterFieldDefaults());
        return mapper
                .registerModule(values)
                .addMixIn(CallsRecorded.Call.class, WithoutNulls.class)
                .addMixIn(BindDecision.class, RecordedPortWhenPresent.class)
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

    /**
     * Reads a field of {@link #LATER_FIELDS} that the JSON lacks as its default, through Jackson's own
     * injection of a missing creator property ({@code useInput}: a field the JSON has is read from it);
     * any other missing field still fails ({@code FAIL_ON_MISSING_CREATOR_PROPERTIES}). Before issue #15
     * each such record (every binding of every event) was read into a tree, the defaults added, and the
     * tree read again: a quarter of a rebuild's decoding.
     */
    private static final class LaterFields extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public JacksonInject.Value findInjectableValue(AnnotatedMember member) {
            if (member instanceof AnnotatedParameter parameter && parameter.getOwner() instanceof AnnotatedConstructor
                    && parameter.getDeclaringClass().isRecord()) {
                Class<?> type = parameter.getDeclaringClass();
                Map<String, JsonNode> later = LATER_FIELDS.get(type);
                RecordComponent[] components = type.getRecordComponents();
                if (later != null && parameter.getOwner().getParameterCount() == components.length) {
                    String name = components[parameter.getIndex()].getName();
                    if (later.containsKey(name)) {
                        return JacksonInject.Value.construct(injectionId(type, name), Boolean.TRUE);
                    }
                }
            }
            return super.findInjectableValue(member);
        }
    }

    private static String injectionId(Class<?> type, String field) {
        return "wskemu-later-field:" + type.getName() + "#" + field;
    }

    /** The default of each field of {@link #LATER_FIELDS}, by its injection id. */
    private static InjectableValues laterFieldDefaults() {
        Map<String, Object> defaults = new HashMap<>();
        LATER_FIELDS.forEach((type, fields) -> fields.forEach((name, value) ->
                defaults.put(injectionId(type, name), value.isBoolean() ? (Object) value.booleanValue() : null)));
        return new InjectableValues.Std(defaults);
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

    /** How many texts of one value type {@link #text} keeps parsed before it starts again. */
    private static final int PARSED_KEPT = 4_096;

    private static <T> void text(SimpleModule module, Class<T> type, Function<T, String> print,
                                 Function<String, T> parse) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(print.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            /**
             * The values read lately, by their text (issue #15): a log repeats the same few addresses,
             * descriptors and SIDs, whose parsing with its canonical-form checks was a fifth of a
             * rebuild's decoding. Every such type is an immutable record, so one instance may be shared;
             * a text that does not parse is never kept and fails each time as before.
             */
            private final Map<String, T> parsed = new ConcurrentHashMap<>();

            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                String text = parser.getValueAsString();
                if (text == null) {
                    return parse.apply(null);
                }
                T value = parsed.get(text);
                if (value == null) {
                    value = parse.apply(text);
                    if (value != null) {
                        if (parsed.size() >= PARSED_KEPT) {
                            parsed.clear();
                        }
                        parsed.put(text, value);
                    }
                }
                return value;
            }
        });
    }
}
