package org.wskemu.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.wskemu.api.ControlInput;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.ControlType;
import org.wskemu.engine.session.SessionCall;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * A {@link SessionCall} as a session file's line (SESSION-FORMAT.md), for the calls the bench's
 * generator makes: every field it sets is written, so that reading the line back gives the same call.
 */
final class SessionLines {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionLines() {
    }

    /** {@return the call's line, without a line end} */
    static String line(SessionCall call) {
        ObjectNode node = JSON.createObjectNode().put("op", call.op().text());
        if (call instanceof SessionCall.DeclareProcess p) {
            node.put("pid", p.process().value());
            token(node, p.token());
        } else if (call instanceof SessionCall.DeclareThread t) {
            node.put("tid", t.thread().value()).put("pid", t.process().value());
            if (t.impersonation() != null) {
                token(node.putObject("impersonate"), t.impersonation());
            }
        } else if (call instanceof SessionCall.DeclareHost h) {
            ArrayNode addresses = node.putArray("addresses");
            h.addresses().forEach(a -> addresses.add(a.toString()));
        } else if (call instanceof SessionCall.CreateSocket s) {
            node.put("socket", s.label()).put("category", s.request().category().label())
                    .put("family", s.request().family().label())
                    .put("process", s.request().creatingProcess().value());
            if (s.request().owningProcess() != null) {
                node.put("owningProcess", s.request().owningProcess().value());
            }
            if (s.request().owningThread() != null) {
                node.put("owningThread", s.request().owningThread().value());
            }
            if (s.request().descriptor() != null) {
                node.put("sd", s.request().descriptor().toSddl());
            }
        } else if (call instanceof SessionCall.Control c) {
            ControlRequest request = c.request();
            node.put("socket", c.label()).put("option", request.option().code())
                    .put("level", request.level().value());
            if (request.type() == ControlType.SET) {
                node.put("inputSize", request.inputSize());
                if (request.input() instanceof ControlInput.Ulong value) {
                    node.put("value", value.value());
                } else if (request.input() instanceof ControlInput.Descriptor descriptor) {
                    node.put("sd", descriptor.descriptor().toSddl());
                }
            } else {
                node.put("outputSize", request.outputSize());
            }
        } else if (call instanceof SessionCall.Bind b) {
            node.put("socket", b.label()).put("address", b.address().toString());
        } else if (call instanceof SessionCall.Close c) {
            node.put("socket", c.label());
        }
        if (call instanceof SessionCall.CreateSocket s && !s.irp()
                || call instanceof SessionCall.Control c && !c.irp()
                || call instanceof SessionCall.Bind b && !b.irp()
                || call instanceof SessionCall.Close c2 && !c2.irp()) {
            node.put("irp", false);
        }
        if (call.expect() != null) {
            node.put("expect", call.expect().text());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void token(ObjectNode node, Token token) {
        node.put("user", token.user().toString());
        if (!token.groups().isEmpty()) {
            ArrayNode groups = node.putArray("groups");
            for (Sid group : token.groups()) {
                groups.add(group.toString());
            }
        }
    }
}
