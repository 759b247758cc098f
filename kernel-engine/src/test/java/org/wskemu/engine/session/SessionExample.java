package org.wskemu.engine.session;

import java.util.List;

/** The example of SESSION-FORMAT.md, typed here line for line. */
final class SessionExample {

    static final String NAME = "runs/a.wsk.jsonl";

    static final List<String> LINES = List.of(
            "# two drivers race for port 80",
            "{\"op\":\"process\",\"pid\":4,\"user\":\"SY\"}",
            "{\"op\":\"process\",\"pid\":700,\"user\":\"S-1-5-21-1-2-3-1001\",\"groups\":[\"BU\"]}",
            "{\"op\":\"socket\",\"socket\":\"a\",\"category\":\"listen\",\"family\":\"inet\",\"process\":4,"
                    + "\"sd\":\"D:(A;;GA;;;SY)\"}",
            "{\"op\":\"set\",\"socket\":\"a\",\"option\":\"SO_EXCLUSIVEADDRUSE\",\"value\":1,\"expect\":\"SUCCESS\"}",
            "{\"op\":\"bind\",\"socket\":\"a\",\"address\":\"0.0.0.0:80\",\"expect\":\"SUCCESS\"}",
            "{\"op\":\"socket\",\"socket\":\"b\",\"category\":\"listen\",\"family\":\"inet\",\"process\":700}",
            "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"10.0.0.5:80\",\"expect\":\"ACCESS_DENIED\"}",
            "{\"op\":\"close\",\"socket\":\"a\"}",
            "{\"op\":\"bind\",\"socket\":\"b\",\"address\":\"10.0.0.5:80\",\"expect\":\"SUCCESS\"}");

    private SessionExample() {
    }

    static SessionFile parse(String... lines) {
        return SessionFile.parse(NAME, List.of(lines));
    }
}
