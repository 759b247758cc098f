package org.wskemu.api.irp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.wskemu.api.NtStatus;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;

/** Each typed accessor answers its own kind of result, and names status and result for any other. */
class CompletionTest {

    static Completion of(NtStatus status, CallResult result) {
        return new Completion(IoStatusBlock.of(status), result, 7);
    }

    @Test
    void eachAccessorAnswersItsResult() {
        SecurityDescriptor descriptor = SecurityDescriptor.ownerOnly(Sid.LOCAL_SYSTEM);
        assertEquals(new SocketId(42), of(NtStatus.SUCCESS, new CallResult.NewSocket(new SocketId(42))).socket());
        assertEquals(TransportAddress.parse("0.0.0.0:80"),
                of(NtStatus.SUCCESS, new CallResult.Bound(TransportAddress.parse("0.0.0.0:80"))).boundAddress());
        assertEquals(1, of(NtStatus.SUCCESS, new CallResult.OptionValue(1)).optionValue());
        assertEquals(descriptor, of(NtStatus.SUCCESS, new CallResult.Descriptor(descriptor)).descriptor());
    }

    @Test
    void aRefusalHasNoResultAndSaysWhy() {
        Completion refused = of(NtStatus.ACCESS_DENIED, CallResult.NONE);
        assertEquals(NtStatus.ACCESS_DENIED, refused.status());
        assertFalse(refused.succeeded());
        IllegalStateException noAddress = assertThrows(IllegalStateException.class, refused::boundAddress);
        assertEquals("the call handed back no bound address: it completed with " + NtStatus.ACCESS_DENIED
                + " and result " + CallResult.NONE, noAddress.getMessage());
        assertThrows(IllegalStateException.class, refused::socket);
        assertThrows(IllegalStateException.class, refused::optionValue);
        assertThrows(IllegalStateException.class, refused::descriptor);
    }

    @Test
    void anotherCallsResultIsNotThisOne() {
        Completion created = of(NtStatus.SUCCESS, new CallResult.NewSocket(new SocketId(42)));
        assertTrue(created.succeeded());
        assertThrows(IllegalStateException.class, created::boundAddress);
        assertThrows(IllegalStateException.class, created::optionValue);
    }
}
