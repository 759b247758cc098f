package org.wskemu.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.wskemu.api.HostAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.wskemu.security.Sid;

/**
 * What a recording lacks and the user supplies: the user SID of a process's token. A recording names
 * no token (a Wine trace never does; an ETW event only when captured with the SID extension), so
 * each {@code process} line takes its user from {@link #users()}, else from {@link #defaultUser()},
 * else from the format's stated default, and its comment says which.
 *
 * @param users       user SID by process id ({@code --user PID=SID}); immutable copy
 * @param defaultUser user for every process not in {@code users} ({@code --default-user SID})
 * @param hosts       the recording machine's addresses ({@code --host}), written as a {@code host} line; empty:
 *                    none given, and every address is local in the replay
 */
public record ImportOptions(Map<Integer, Sid> users, Optional<Sid> defaultUser, List<HostAddress> hosts) {

    /** No user supplied: every process gets the format's stated default. */
    public static final ImportOptions NONE = new ImportOptions(Map.of(), Optional.empty(), List.of());

    public ImportOptions {
        users = Map.copyOf(Objects.requireNonNull(users, "users"));
        Objects.requireNonNull(defaultUser, "defaultUser");
        hosts = List.copyOf(Objects.requireNonNull(hosts, "hosts"));
    }

    /** Users only, no host addresses. */
    public ImportOptions(Map<Integer, Sid> users, Optional<Sid> defaultUser) {
        this(users, defaultUser, List.of());
    }

    /**
     * These options with the machine's addresses of {@code --host} values, each
     * {@code ADDR[,ADDR...]} (IPv4 or IPv6 addresses, no port).
     *
     * @throws IllegalArgumentException naming a value that is not an address
     */
    public ImportOptions withHosts(Iterable<String> hostFlags) {
        List<HostAddress> parsed = new ArrayList<>(hosts);
        for (String flag : hostFlags) {
            for (String part : flag.split(",", -1)) {
                try {
                    HostAddress address = HostAddress.parse(part.strip());
                    if (!parsed.contains(address)) {
                        parsed.add(address);
                    }
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--host '" + Text.safe(part) + "': "
                            + Text.safe(String.valueOf(e.getMessage())));
                }
            }
        }
        return new ImportOptions(users, defaultUser, parsed);
    }

    /**
     * Parses {@code --user} values, each {@code PID=SID} (a decimal pid; a SID as {@code S-1-...} or
     * an SDDL alias such as {@code SY}).
     *
     * @throws IllegalArgumentException naming the value that is not {@code PID=SID}, or a pid given twice
     */
    public static ImportOptions parse(Iterable<String> userFlags, Optional<String> defaultUser) {
        Map<Integer, Sid> users = new TreeMap<>();
        for (String flag : userFlags) {
            int equals = flag.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--user '" + Text.safe(flag) + "' is not PID=SID");
            }
            int pid;
            try {
                pid = Integer.parseInt(flag.substring(0, equals));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--user '" + Text.safe(flag) + "': '" + Text.safe(flag.substring(0, equals))
                        + "' is not a decimal process id");
            }
            if (pid < 0) {
                throw new IllegalArgumentException("--user '" + Text.safe(flag) + "': a process id is not negative");
            }
            Sid sid = sid("--user '" + Text.safe(flag) + "'", flag.substring(equals + 1));
            if (users.put(pid, sid) != null) {
                throw new IllegalArgumentException("--user gives process " + pid + " twice");
            }
        }
        return new ImportOptions(users, defaultUser.map(text -> sid("--default-user", text)));
    }

    private static Sid sid(String where, String text) {
        try {
            return Sid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + Text.safe(String.valueOf(e.getMessage())));
        }
    }
}
