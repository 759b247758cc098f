package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SESSION-FORMAT.md's ops, as a file spells them, and what is not one. */
class OpTest {

    @ParameterizedTest
    @CsvSource({"host,HOST", "process,PROCESS", "thread,THREAD", "socket,SOCKET", "set,SET", "get,GET",
            "bind,BIND", "close,CLOSE"})
    void eachOpIsSpelledAsInTheFile(String text, Op op) {
        assertEquals(Optional.of(op), Op.parse(text));
        assertEquals(text, op.text());
        assertEquals(text, op.toString());
    }

    @ParameterizedTest
    @CsvSource({"BIND", "Bind", "run", "'bind '", "''"})
    void otherSpellingsAreNoOp(String text) {
        assertEquals(Optional.empty(), Op.parse(text));
    }
}
