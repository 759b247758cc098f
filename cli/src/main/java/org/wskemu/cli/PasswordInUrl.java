package org.wskemu.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.wskemu.persistence.StoreLocation;

/**
 * A password given in a {@code postgresql://} URL on the command line ({@code ?password=}) is readable
 * by every local user in the process list ({@code ps}): wskemu still takes it, and says so once on
 * standard error, naming where a password belongs instead (PostgreSQL's own places, which the driver
 * reads: {@code PGPASSWORD}, or {@code ~/.pgpass} and {@code PGPASSFILE}).
 */
final class PasswordInUrl {

    static final String WARNING = "wskemu: warning: a password in a postgresql:// URL can be read by every user of "
            + "this machine in the process list; give it in PGPASSWORD or ~/.pgpass instead";

    private static final Pattern PASSWORD = Pattern.compile("[?&]password=", Pattern.CASE_INSENSITIVE);

    private PasswordInUrl() {
    }

    /**
     * @return whether any argument is a valid PostgreSQL store URL that carries a password (one that does
     *         not parse is refused by its command, which never repeats it)
     */
    static boolean anyIn(List<String> args) {
        for (String arg : args) {
            int at = arg.toLowerCase(Locale.ROOT).indexOf("postgresql://");
            if (at >= 0 && PASSWORD.matcher(arg.substring(at)).find() && parsesWithPassword(arg.substring(at))) {
                return true;
            }
        }
        return false;
    }

    private static boolean parsesWithPassword(String url) {
        try {
            return StoreLocation.parse(url) instanceof StoreLocation.Postgres postgres && postgres.password() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
