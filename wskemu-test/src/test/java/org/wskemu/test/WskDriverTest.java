package org.wskemu.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wskemu.test.WskAssertions.assertDecidedBy;
import static org.wskemu.test.WskAssertions.assertStatus;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.ControlRequest;
import org.wskemu.api.NtStatus;
import org.wskemu.api.OptionCode;
import org.wskemu.api.OptionLevel;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketCategory;
import org.wskemu.api.SocketId;
import org.wskemu.api.SocketRequest;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.irp.Completion;
import org.wskemu.api.irp.Irp;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.engine.WskEmulator;
import org.wskemu.engine.readmodel.DecidingCell;
import org.wskemu.engine.readmodel.DecisionRow;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

class WskDriverTest {

    static final ProcessId SYSTEM = new ProcessId(4);
    static final SocketRequest LISTEN = SocketRequest.of(SocketCategory.LISTEN, AddressFamily.INET, SYSTEM);

    WskEmulator kernel;
    WskDriver driver;

    @BeforeEach
    void start() {
        kernel = WskEmulator.builder().engineThreads(1).build();
        driver = WskDriver.of(kernel);
        driver.declareProcess(SYSTEM, Token.of(Sid.LOCAL_SYSTEM));
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void eachCallAnswersItsTypedResult() {
        SocketId socket = driver.openSocket(LISTEN);
        assertStatus(NtStatus.SUCCESS, driver.set(socket, OptionCode.SO_REUSEADDR, 1));
        Completion read = assertStatus(NtStatus.SUCCESS, driver.get(socket, OptionCode.SO_REUSEADDR));
        assertEquals(1, read.optionValue());
        Completion bound = assertStatus(NtStatus.SUCCESS, driver.bind(socket, "0.0.0.0:0"));
        TransportAddress address = bound.boundAddress();
        assertTrue(address.port() >= 49152, () -> "an ephemeral port: " + address);
        DecisionRow decision = driver.decision(bound);
        assertEquals(address, decision.actual());
        assertEquals(java.util.Optional.empty(), decision.cell(), "nothing refused it");
        assertStatus(NtStatus.SUCCESS, driver.close(socket));
    }

    @Test
    void aConflictIsARecordedDecisionWithItsCell() {
        SocketId first = driver.openSocket(LISTEN);
        SocketId second = driver.openSocket(LISTEN);
        assertStatus(NtStatus.SUCCESS, driver.bind(first, "0.0.0.0:80"));

        Completion refused = assertStatus(NtStatus.ADDRESS_ALREADY_EXISTS, driver.bind(second, "0.0.0.0:80"));

        // WDK "Sharing Transport Addresses": first NONE W then second NONE W -> INUSE
        assertDecidedBy(new DecidingCell(SharingOption.NONE, AddressKind.WILDCARD, SharingOption.NONE,
                AddressKind.WILDCARD, SharingCell.INUSE), driver.decision(refused));
        assertThrows(IllegalStateException.class, refused::boundAddress, "a refused bind bound nothing");
    }

    @Test
    void anAccessCheckRefusalIsDecidedByACheckCell() {
        SocketId first = driver.openSocket(LISTEN);
        SocketId second = driver.openSocket(LISTEN);
        assertStatus(NtStatus.SUCCESS, driver.bind(first, "0.0.0.0:8080"));

        // first NONE W then second NONE S -> CHECK; wsk's default descriptor grants nobody
        Completion refused = assertStatus(NtStatus.ACCESS_DENIED, driver.bind(second, "127.0.0.1:8080"));

        DecisionRow decision = assertDecidedBy(SharingCell.CHECK, driver.decision(refused));
        assertEquals("first NONE W then second NONE S -> CHECK (refused)", decision.decidingCell(), "the text is kept");
    }

    @Test
    void aCallRefusedAtOnceStillAnswersItsCompletion() {
        SocketId socket = driver.openSocket(LISTEN);
        Completion refused = driver.control(socket,
                ControlRequest.set(OptionCode.SO_REUSEADDR, 1).withLevel(new OptionLevel(0x0006)));
        assertStatus(NtStatus.INVALID_PARAMETER, refused);
        AssertionError noDecision = assertThrows(AssertionError.class, () -> driver.decision(refused));
        assertTrue(noDecision.getMessage().contains("STATUS_INVALID_PARAMETER"), noDecision::getMessage);
    }

    @Test
    void anIrpThatDoesNotCompleteInTimeFailsNamingTheCall() throws Exception {
        SocketId socket = driver.openSocket(LISTEN);
        // The engine's only thread is held by a completion routine, so the next call cannot complete.
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Irp held = Irp.withCompletionRoutine(irp -> {
            holding.countDown();
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertEquals(NtStatus.PENDING, kernel.controlSocket(socket, ControlRequest.get(OptionCode.SO_REUSEADDR), held));
        assertTrue(holding.await(1, TimeUnit.MINUTES), "the routine runs");
        try {
            WskDriver impatient = driver.withTimeout(Duration.ofMillis(200));
            AssertionError late = assertThrows(AssertionError.class, () -> impatient.bind(socket, "0.0.0.0:443"));
            assertEquals("bind(socket " + socket + ", 0.0.0.0:443) did not complete within PT0.2S (its IRP is still "
                    + "pending)", late.getMessage());
        } finally {
            release.countDown();
        }
        assertFalse(held.isPending());
    }

    @Test
    void theTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> driver.withTimeout(Duration.ZERO));
        assertEquals(WskDriver.DEFAULT_TIMEOUT, driver.timeout());
    }
}
