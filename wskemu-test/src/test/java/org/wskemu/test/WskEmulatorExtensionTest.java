package org.wskemu.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.WskEmulator;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

@WskEmulatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WskEmulatorExtensionTest {

    static final ProcessId SYSTEM = new ProcessId(4);

    /** The engine the first test got, to check the next one gets another and the first was closed. */
    static WskEmulator first;

    WskEmulator fromBeforeEach;

    @BeforeEach
    void declare(WskEmulator kernel) {
        fromBeforeEach = kernel;
        kernel.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
    }

    @Test
    @Order(1)
    void theEmulatorAndTheDriverOfATestAreOneEngine(WskEmulator kernel, WskDriver driver) {
        first = kernel;
        assertSame(kernel, driver.emulator());
        assertSame(kernel, fromBeforeEach, "@BeforeEach got the test's engine");
        assertEquals(ProfileId.WSK, kernel.profile());
        assertEquals(Duration.ofSeconds(10), driver.timeout());
        bindPort80(driver);
    }

    @Test
    @Order(2)
    void theNextTestGetsAFreshEngineAndTheLastOneWasClosed(WskDriver driver) {
        assertNotSame(first, driver.emulator());
        // port 80 is free again: nothing of the first test's engine is seen here
        bindPort80(driver);
        assertEquals(1, driver.emulator().readModels().ownership().size());
        // a closed engine takes no more calls
        assertThrows(RuntimeException.class, () -> first.declareProcess(new ProcessId(5), Token.of(Sid.LOCAL_SYSTEM)));
    }

    @Test
    @Order(3)
    @WskEmulatorTest(profile = ProfileId.WIN32, timeoutSeconds = 3)
    void aMethodsSettingsWin(WskEmulator kernel, WskDriver driver) {
        assertEquals(ProfileId.WIN32, kernel.profile());
        assertEquals(Duration.ofSeconds(3), driver.timeout());
    }

    @Nested
    class InANestedClass {

        @Test
        void theOuterClassesAnnotationApplies(WskDriver driver) {
            assertSame(driver.emulator(), fromBeforeEach);
            bindPort80(driver);
        }
    }

    static void bindPort80(WskDriver driver) {
        SocketId socket = driver.openSocket(SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM));
        assertEquals(NtStatus.SUCCESS, driver.decision(driver.bind(socket, "0.0.0.0:80")).status());
    }
}
