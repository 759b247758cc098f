package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.SessionRun;
import org.wskemu.api.SocketId;
import org.wskemu.api.event.ControlRefused;
import org.wskemu.api.event.DescriptorSet;
import org.wskemu.api.event.SocketCreated;
import org.wskemu.api.event.SocketRefused;
import org.wskemu.security.AccessMask;
import org.wskemu.security.Ace;
import org.wskemu.security.AceFlag;
import org.wskemu.security.AceType;
import org.wskemu.security.Acl;
import org.wskemu.security.Dacl;
import org.wskemu.security.DaclFlag;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;

/**
 * Issue #11: the null-encoded unions became sealed types, and stored events keep the JSON they were
 * written in. Each literal below is an event as the store held it before (written by the engine of
 * that time); it reads to the typed value, and the value writes back to the same text.
 */
class StoredFormsTest {

    private final ObjectMapper mapper = EngineJackson.mapper();

    private ControlRefused readsAndWritesBack(String json) throws JsonProcessingException {
        ControlRefused event = mapper.readValue(json, ControlRefused.class);
        assertEquals(json, mapper.writeValueAsString(event));
        return event;
    }

    @Test
    void aControlRefusedWithAValueReadsAsAUlongInput() throws Exception {
        ControlRefused event = readsAndWritesBack("{\"socket\":{\"value\":3},\"request\":{\"type\":\"SET\",\"option\":\"4\","
                + "\"level\":{\"value\":41},\"inputSize\":4,\"outputSize\":0,\"value\":1,\"descriptor\":null},"
                + "\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}");

        assertEquals(new ControlRefused(new SocketId(3), new ControlRequest(ControlType.SET, OptionCode.SO_REUSEADDR,
                OptionLevel.IPPROTO_IPV6, 4, 0, ControlInput.ulong(1)), NtStatus.INVALID_PARAMETER, "r"), event);
    }

    @Test
    void aControlRefusedWithADescriptorReadsAsADescriptorInput() throws Exception {
        ControlRefused event = readsAndWritesBack("{\"socket\":{\"value\":3},\"request\":{\"type\":\"SET\","
                + "\"option\":\"16385\",\"level\":{\"value\":41},\"inputSize\":4,\"outputSize\":0,\"value\":null,"
                + "\"descriptor\":\"O:SYD:NO_ACCESS_CONTROL\"},\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}");

        assertEquals(ControlInput.descriptor(SecurityDescriptor.parse("O:SYD:NO_ACCESS_CONTROL")),
                event.request().input());
        assertEquals(OptionCode.SO_WSK_SECURITY, event.request().option());
    }

    @Test
    void aControlRefusedWithNeitherReadsAsNoInput() throws Exception {
        ControlRefused event = readsAndWritesBack("{\"socket\":{\"value\":3},\"request\":{\"type\":\"GET\",\"option\":\"4\","
                + "\"level\":{\"value\":41},\"inputSize\":0,\"outputSize\":4,\"value\":null,\"descriptor\":null},"
                + "\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}");

        assertEquals(ControlInput.NONE, event.request().input());
    }

    @Test
    void bothInputsOfAnOlderEmbeddersRequestReadAsTheEngineReadThem() throws Exception {
        String both = "{\"socket\":{\"value\":3},\"request\":{\"type\":\"SET\",\"option\":\"%s\",\"level\":{\"value\":65535},"
                + "\"inputSize\":4,\"outputSize\":0,\"value\":1,\"descriptor\":\"D:\"},\"status\":\"INVALID_PARAMETER\","
                + "\"reason\":\"r\"}";

        assertEquals(ControlInput.descriptor(SecurityDescriptor.parse("D:")),
                mapper.readValue(String.format(both, "16385"), ControlRefused.class).request().input());
        assertEquals(ControlInput.ulong(1),
                mapper.readValue(String.format(both, "4"), ControlRefused.class).request().input());
    }

    @Test
    void aRequestMissingItsInputFieldsIsDamage() {
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"socket\":{\"value\":3},\"request\":"
                + "{\"type\":\"GET\",\"option\":\"4\",\"level\":{\"value\":41},\"inputSize\":0,\"outputSize\":4,"
                + "\"descriptor\":null},\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}", ControlRefused.class));
        assertThrows(JsonProcessingException.class, () -> mapper.readValue("{\"socket\":{\"value\":3},\"request\":"
                + "{\"option\":\"4\",\"level\":{\"value\":41},\"inputSize\":0,\"outputSize\":4,\"value\":null,"
                + "\"descriptor\":null},\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}", ControlRefused.class));
    }

    private DescriptorSet descriptorSet(String sddl) throws JsonProcessingException {
        String json = "{\"socket\":{\"value\":3},\"descriptor\":\"" + sddl + "\",\"afterBind\":false}";
        DescriptorSet event = mapper.readValue(json, DescriptorSet.class);
        assertEquals(json, mapper.writeValueAsString(event));
        return event;
    }

    @Test
    void storedDescriptorsReadToTheirDaclKind() throws Exception {
        assertEquals(new SecurityDescriptor(Sid.LOCAL_SYSTEM, null, Dacl.ABSENT),
                descriptorSet("O:SY").descriptor());
        assertEquals(new SecurityDescriptor(Sid.LOCAL_SYSTEM, null, new Dacl.Null(Set.of(DaclFlag.P))),
                descriptorSet("O:SYD:PNO_ACCESS_CONTROL").descriptor());
        assertEquals(new SecurityDescriptor(null, null, new Dacl.Present(Set.of(), Acl.EMPTY)),
                descriptorSet("D:").descriptor());
        assertEquals(new SecurityDescriptor(Sid.LOCAL_SYSTEM, Sid.BUILTIN_ADMINISTRATORS,
                        new Dacl.Present(Set.of(DaclFlag.P), Acl.of(new Ace(AceType.ALLOW, Set.of(AceFlag.OI),
                                new AccessMask(1), Sid.EVERYONE)))),
                descriptorSet("O:SYG:BAD:P(A;OI;0x1;;;WD)").descriptor());
    }

    private static final String CREATED = "{\"socket\":{\"value\":7},\"label\":\"a\",\"run\":%s,\"category\":\"LISTEN\","
            + "\"family\":\"INET\",\"creatingProcess\":{\"value\":4},\"owningProcess\":null,\"owningThread\":null,"
            + "\"context\":{\"user\":\"S-1-5-18\",\"groups\":[]},\"descriptor\":null}";

    @Test
    void runZeroReadsAsNoRunAndAnyOtherAsThatRun() throws Exception {
        String outside = String.format(CREATED, "0");
        SocketCreated embedded = mapper.readValue(outside, SocketCreated.class);
        assertEquals(SessionRun.NONE, embedded.run());
        assertEquals(outside, mapper.writeValueAsString(embedded));

        String refused = "{\"label\":\"b\",\"run\":3,\"category\":\"LISTEN\",\"family\":\"INET\",\"creatingProcess\":"
                + "{\"value\":4},\"owningProcess\":null,\"owningThread\":null,\"status\":\"INVALID_PARAMETER\",\"reason\":\"r\"}";
        SocketRefused inRun = mapper.readValue(refused, SocketRefused.class);
        assertEquals(SessionRun.of(3), inRun.run());
        assertEquals(3, inRun.run().number());
        assertEquals(refused, mapper.writeValueAsString(inRun));
    }

    @Test
    void aRunReadsAsTheLongItWasReadAsBeforeButNeverNegative() throws Exception {
        assertThrows(JsonProcessingException.class,
                () -> mapper.readValue(String.format(CREATED, "-1"), SocketCreated.class));
        assertThrows(JsonProcessingException.class,
                () -> mapper.readValue(String.format(CREATED, "\"x\""), SocketCreated.class));
        assertEquals(SessionRun.of(1), mapper.readValue(String.format(CREATED, "\"1\""), SocketCreated.class).run());
        assertEquals(SessionRun.NONE, mapper.readValue(String.format(CREATED, "null"), SocketCreated.class).run());
    }
}
