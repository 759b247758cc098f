package org.wskemu.engine.sharing;

import org.wskemu.security.AccessMask;
import org.wskemu.security.GenericMapping;

/**
 * The access right the sharing check requests, and how generic rights map onto it.
 *
 * <p>Microsoft does not document which right the WSK subsystem requests when a CHECK cell runs an
 * access check ([emulator choice], SPEC.md 4): wskemu requests one right, {@link #SHARE_ADDRESS}
 * 0x0002. GENERIC_ALL and GENERIC_WRITE include it, GENERIC_READ and GENERIC_EXECUTE do not; the file
 * rights FA and FW include it (it is FILE_WRITE_DATA's bit), FR and FX do not.
 */
public final class AddressSharingRights {

    /** The one right a sharing access check requests. */
    public static final AccessMask SHARE_ADDRESS = new AccessMask(0x0002);

    /** The generic mapping of a transport address object ([emulator choice], SPEC.md 4). */
    public static final GenericMapping MAPPING = new GenericMapping(
            new AccessMask(0x00020001),   // GENERIC_READ: READ_CONTROL | query
            SHARE_ADDRESS,                // GENERIC_WRITE: share the address
            new AccessMask(0x00000020),   // GENERIC_EXECUTE: no sharing
            new AccessMask(0x001F01FF));  // GENERIC_ALL: every right, sharing included

    private AddressSharingRights() {
    }
}
