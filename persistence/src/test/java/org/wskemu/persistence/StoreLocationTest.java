package org.wskemu.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreLocationTest {

    @Test
    void memParsesAsMemory() {
        assertEquals(StoreLocation.memory(), StoreLocation.parse("mem"));
        assertEquals("mem", StoreLocation.memory().toString());
    }

    @Test
    void anythingElseParsesAsAnAbsoluteNormalisedDirectory() {
        StoreLocation location = StoreLocation.parse("some/../data");
        StoreLocation.Directory directory = assertInstanceOf(StoreLocation.Directory.class, location);
        assertEquals(Path.of("data").toAbsolutePath(), directory.path());
        assertInstanceOf(StoreLocation.Directory.class, StoreLocation.parse("./mem"));
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"", "   "})
    void blankTextIsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse(text));
    }
}
