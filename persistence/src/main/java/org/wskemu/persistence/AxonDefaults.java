package org.wskemu.persistence;

/** Process-wide Axon settings this module relies on. */
final class AxonDefaults {

    /** Axon 4.x phones home at start unless told not to; no machine running wskemu may call out. */
    static final String UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    private AxonDefaults() {
    }

    static void disableUpdateChecker() {
        System.setProperty(UPDATE_CHECKER_DISABLED, "true");
    }
}
