package org.wskemu.api.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one escaping of input-derived text, character class by character class. */
class SafeTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUL                 | 0000 | \\x00
            ESC                 | 001b | \\x1b
            BEL                 | 0007 | \\x07
            tab                 | 0009 | \\x09
            line feed           | 000a | \\x0a
            carriage return     | 000d | \\x0d
            DEL                 | 007f | \\x7f
            C1 NEL              | 0085 | \\x85
            C1 CSI              | 009b | \\x9b
            LRE                 | 202a | \\u202a
            RLO                 | 202e | \\u202e
            LRI                 | 2066 | \\u2066
            PDI                 | 2069 | \\u2069
            LRM                 | 200e | \\u200e
            RLM                 | 200f | \\u200f
            ALM                 | 061c | \\u061c
            line separator      | 2028 | \\u2028
            paragraph separator | 2029 | \\u2029
            lone high surrogate | d800 | \\ud800
            lone low surrogate  | dc01 | \\udc01
            backslash           | 005c | \\\\
            """)
    void escapesTheCharacter(String name, String hex, String escaped) {
        String c = String.valueOf((char) Integer.parseInt(hex, 16));
        assertEquals("a" + escaped + "b", SafeText.escape("a" + c + "b"));
        assertFalse(SafeText.isSafe(c));
    }

    @Test
    void leavesPrintableTextOfAnyScriptAsItIs() {
        for (String text : new String[] {"a80", "=HYPERLINK(\"x\")", "żółw", "שלום", "端口", "\uD83D\uDE00 emoji", "\u00a0nbsp", ""}) {
            assertEquals(text, SafeText.escape(text));
            assertTrue(SafeText.isSafe(text));
        }
    }

    @Test
    void theEscapedTextOfAnEscapeAndOfTheCharacterDiffer() {
        assertEquals("\\\\x1b", SafeText.escape("\\x1b"));
        assertEquals("\\x1b", SafeText.escape("\u001b"));
    }

    @Test
    void aTerminalAttackBecomesVisibleText() {
        assertEquals("\\x1b[2J\\x1b]0;title\\x07", SafeText.escape("\u001b[2J\u001b]0;title\u0007"));
        assertEquals(null, SafeText.escape(null));
    }
}
