package org.wskemu.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wskemu.api.SessionRun;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.PortKey;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.PortBindingAdded;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.security.SecurityDescriptor;

/** Issue #12: the fields added for dual-stack sockets are optional in stored JSON, so existing stores still load. */
class EventsWrittenBeforeDualStackTest {

    private final ObjectMapper mapper = EngineJackson.mapper();
    private final Binding binding = new Binding(new SocketId(7), "a", SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP,
            TransportAddress.parse("0.0.0.0:80"), SharingOption.NONE, SecurityDescriptor.parse("D:"));

    @Test
    void aBindingWithoutDualStackReadsAsNotDualStack() throws Exception {
        ObjectNode json = mapper.valueToTree(new PortBindingAdded(new PortKey(TransportProtocol.TCP, AddressFamily.INET, 80),
                binding));
        ((ObjectNode) json.get("binding")).remove("dualStack");

        PortBindingAdded read = mapper.treeToValue(json, PortBindingAdded.class);

        assertFalse(read.binding().dualStack());
        assertEquals(binding, read.binding());
    }

    @Test
    void aConsultationWithoutItsNameSpaceTakesTheExistingBindingsFamily() throws Exception {
        Consultation consultation = new Consultation(binding, 0, SharingOption.NONE, AddressKind.WILDCARD,
                SharingOption.NONE, AddressKind.WILDCARD, SharingCell.INUSE, null, NtStatus.ADDRESS_ALREADY_EXISTS);
        BindRefused event = new BindRefused(new SocketId(8), "b", SessionRun.of(1), new ProcessId(4), new BindDecision(ProfileId.WSK,
                TransportAddress.parse("0.0.0.0:80"), null, SharingOption.NONE, NtStatus.ADDRESS_ALREADY_EXISTS, "in use",
                List.of(consultation)));
        ObjectNode json = mapper.valueToTree(event);
        ObjectNode stored = (ObjectNode) json.get("decision").get("consultations").get(0);
        stored.remove("nameSpace");
        stored.remove("dualStackExclusive");
        ((ObjectNode) stored.get("existing")).remove("dualStack");

        BindRefused read = mapper.treeToValue(json, BindRefused.class);

        assertEquals(event, read);
        assertEquals(AddressFamily.INET, read.decision().consultations().get(0).nameSpace());
    }

    @Test
    void anOwnershipRowOfAnOldCheckpointReadsAsNotDualStack() throws Exception {
        OwnershipRow row = new OwnershipRow(new SocketId(7), "a", SessionRun.of(1), TransportProtocol.TCP, AddressFamily.INET,
                TransportAddress.parse("0.0.0.0:80"), SharingOption.NONE, new ProcessId(4), 12);
        ObjectNode json = mapper.valueToTree(row);
        json.remove("dualStack");

        assertEquals(row, mapper.treeToValue(json, OwnershipRow.class));
    }

    @Test
    void anyOtherMissingFieldIsStillDamage() {
        ObjectNode json = mapper.valueToTree(binding);
        json.remove("label");

        assertThrows(Exception.class, () -> mapper.treeToValue(json, Binding.class));
    }

    @Test
    void aLaterFieldTheJsonHasIsReadFromItAndACopyOfTheMapperReadsTheSame() throws Exception {
        Binding dual = new Binding(new SocketId(7), "a", SessionRun.of(1), new ProcessId(4), TransportProtocol.TCP,
                TransportAddress.parse("[::]:80"), SharingOption.NONE, SecurityDescriptor.parse("D:"), true);
        byte[] withField = mapper.writeValueAsBytes(dual);
        ObjectNode without = mapper.valueToTree(dual);
        without.remove("dualStack");
        byte[] withoutField = mapper.writeValueAsBytes(without);

        for (ObjectMapper reader : List.of(mapper, mapper.copy())) {
            assertEquals(dual, reader.readValue(withField, Binding.class));
            assertFalse(reader.readValue(withoutField, Binding.class).dualStack());
            assertThrows(Exception.class, () -> reader.readValue(mapper.writeValueAsBytes(without.deepCopy()
                    .without("label")), Binding.class));
        }
    }
}
