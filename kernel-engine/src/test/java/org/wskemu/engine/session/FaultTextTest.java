package org.wskemu.engine.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One fault is one short line: control characters escaped, and the escaped message capped. */
class FaultTextTest {

    @Test
    void aShortMessageIsLeftAlone() {
        assertEquals("unknown op 'x'", FaultText.oneLine("unknown op 'x'"));
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("a\\u0000b\\u2028c\\u007F", FaultText.oneLine("a\u0000b\u2028c\u007F"));
    }

    @Test
    void aLongMessageIsCutToTheCapWithAnEllipsis() {
        String cut = FaultText.oneLine("y".repeat(1_000));

        assertEquals("y".repeat(FaultText.MAX_MESSAGE - 3) + "...", cut);
    }

    /** Found by Jazzer: capped first and escaped after, 400 NULs became a 2,400-character line. */
    @Test
    void escapesCountTowardsTheCap() {
        String cut = FaultText.oneLine("token 'nul" + "\u0000".repeat(400) + "l'");

        assertTrue(cut.length() <= FaultText.MAX_MESSAGE, cut.length() + ": " + cut);
        assertTrue(cut.endsWith("\\u0000..."), cut);
        assertTrue(cut.startsWith("token 'nul\\u0000"), cut);
    }

    @Test
    void aShortMessageWhoseEscapesPassTheCapIsCutToo() {
        String cut = FaultText.oneLine("\u0001".repeat(100));

        assertEquals("\\u0001".repeat(66) + "...", cut);
    }

    @Test
    void neitherASurrogatePairNorAnEscapeIsCutInTwo() {
        String emoji = "\ud83d\ude00";
        String cut = FaultText.oneLine("x".repeat(FaultText.MAX_MESSAGE - 4) + emoji + "tail");

        assertEquals("x".repeat(FaultText.MAX_MESSAGE - 4) + "...", cut);
        String escaped = FaultText.oneLine("x".repeat(FaultText.MAX_MESSAGE - 8) + "\u0000tail");
        assertEquals("x".repeat(FaultText.MAX_MESSAGE - 8) + "...", escaped);
    }

    @Test
    void aLoneSurrogateIsEscaped() {
        assertEquals("a\\uD83Db", FaultText.oneLine("a\ud83db"));
    }
}
