package org.wskemu.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The project's copy of Wine's {@code NtStatusToWSAError} table ({@code ntstatus-to-winsock.csv}):
 * the Winsock error of each listed NTSTATUS, and the names of those statuses, which session files
 * may use in {@code expect} beside wskemu's own.
 */
final class StatusNames {

    private static final String TABLE = "ntstatus-to-winsock.csv";
    private static final Map<Integer, WinsockError> WINSOCK = new HashMap<>();
    private static final Map<String, Integer> CODES = new HashMap<>();
    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        try (InputStream in = StatusNames.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("the mapping table " + TABLE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] field = line.split(",", -1);
                int code = Numbers.parseUnsigned32(field[1]);
                WINSOCK.put(code, WinsockError.valueOf(field[2]));
                if (!field[0].isEmpty()) {
                    CODES.put(field[0], code);
                    NAMES.put(code, field[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (NtStatus status : NtStatus.values()) {
            CODES.put(status.fullName(), status.code());
            NAMES.put(status.code(), status.fullName());
        }
    }

    private StatusNames() {
    }

    static Optional<WinsockError> winsockOf(int ntstatus) {
        return Optional.ofNullable(WINSOCK.get(ntstatus));
    }

    /** The value of a status named {@code STATUS_...}, if wskemu or the mapping table knows it. */
    static Optional<Integer> codeOf(String fullName) {
        return Optional.ofNullable(CODES.get(fullName));
    }

    /** The {@code STATUS_...} name of a value, if known. */
    static Optional<String> nameOf(int code) {
        return Optional.ofNullable(NAMES.get(code));
    }
}
