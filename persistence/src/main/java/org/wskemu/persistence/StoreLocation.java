package org.wskemu.persistence;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a store lives: an H2 file database in a directory, an in-memory database that lives as
 * long as the {@link H2Store} that opened it, or a database on a PostgreSQL server that many
 * processes may share ({@link PostgresStore}).
 */
public sealed interface StoreLocation permits StoreLocation.Directory, StoreLocation.Memory, StoreLocation.Postgres {

    /** The text {@link #parse(String)} reads as {@link #memory()}. */
    String MEMORY = "mem";

    /**
     * @param directory the store directory (created on open if missing); never null
     * @return a file store location with the path made absolute and normalised
     */
    static StoreLocation directory(Path directory) {
        return new Directory(directory);
    }

    /** @return an in-memory location; every open of it gets a fresh, uniquely named database */
    static StoreLocation memory() {
        return new Memory();
    }

    /**
     * Reads a location as a user typed it.
     *
     * @param text exactly {@code mem} for memory, a {@code postgresql://HOST[:PORT]/DB[?...]} URL
     *             for PostgreSQL ({@link Postgres#parse(String)}), otherwise a directory path (use
     *             {@code ./mem} for a directory named "mem"); never null
     * @return the location
     * @throws IllegalArgumentException if the text is blank, not a valid path or not a valid URL;
     *     the message never repeats a password
     */
    static StoreLocation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("a store location must be 'mem', a directory path or postgresql://HOST[:PORT]/DB");
        }
        if (text.regionMatches(true, 0, Postgres.SCHEME, 0, Postgres.SCHEME.length())) {
            return Postgres.parse(text);
        }
        return MEMORY.equals(text) ? memory() : directory(Path.of(text));
    }

    /** An H2 file store: the database is {@code <path>/wskemu.mv.db}. */
    record Directory(Path path) implements StoreLocation {
        /**
         * Makes the path absolute and normal.
         *
         * @param path the directory
         */
        public Directory {
            path = Objects.requireNonNull(path, "path").toAbsolutePath().normalize();
        }

        /**
         * @return the database file of the store, {@code <path>/wskemu.mv.db}: the store exists when
         *     this file does (a command that only reads refuses a store without it)
         */
        public Path databaseFile() {
            return path.resolve(H2Store.DATABASE_FILE);
        }

        @Override
        public String toString() {
            return path.toString();
        }
    }

    /** An in-memory store. */
    record Memory() implements StoreLocation {
        @Override
        public String toString() {
            return MEMORY;
        }
    }

    /**
     * A database on a PostgreSQL server: {@code postgresql://HOST[:PORT]/DB[?PARAM=VALUE&...]}.
     * {@code user} and {@code password} in the query are the credentials (otherwise the environment's
     * {@code PGUSER}/{@code PGPASSWORD} are used when the store opens); the other parameters are the
     * driver's connection and TLS settings of {@link #PASSED_THROUGH}, handed to it as they are.
     * {@link #toString()} is {@code postgresql://HOST:PORT/DB}: credentials and parameters are never
     * printed.
     *
     * @param host       the server's host name or address (an IPv6 address without brackets); never blank
     * @param port       1 to 65535; 5432 when the URL names none
     * @param database   the database name; never blank
     * @param user       from the URL's query, or null
     * @param password   from the URL's query, or null
     * @param parameters the passed-through driver settings, by name; never null
     */
    record Postgres(String host, int port, String database, String user, String password, Map<String, String> parameters)
            implements StoreLocation {

        /** The scheme this location is written with. */
        static final String SCHEME = "postgresql://";
        /** PostgreSQL's own port. */
        static final int DEFAULT_PORT = 5432;
        /**
         * [emulator choice] Only the PostgreSQL driver's connection and TLS settings are passed through
         * (libpq's names, as pgjdbc reads them); any other parameter is refused, because some of the
         * driver's settings name classes it would load ({@code socketFactory}, {@code sslfactory}) or
         * files it would write ({@code loggerFile}).
         */
        static final Set<String> PASSED_THROUGH = Set.of("sslmode", "sslrootcert", "sslcert", "sslkey", "sslpassword",
                "sslnegotiation", "channelBinding", "gssEncMode", "connectTimeout", "socketTimeout", "loginTimeout",
                "tcpKeepAlive", "ApplicationName", "targetServerType");

        /**
         * Checks the components and holds an unmodifiable copy of the parameters.
         *
         * @param host       the server's host name or address; never blank
         * @param port       1 to 65535
         * @param database   the database name; never blank
         * @param user       the user, or null
         * @param password   the password, or null
         * @param parameters the passed-through driver settings, by name; never null
         * @throws IllegalArgumentException when the host or database is blank or the port out of range
         */
        public Postgres {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(database, "database");
            if (host.isBlank() || database.isBlank()) {
                throw new IllegalArgumentException("a PostgreSQL store needs a host and a database: postgresql://HOST[:PORT]/DB");
            }
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("a PostgreSQL port must be 1 to 65535, was " + port);
            }
            parameters = Map.copyOf(new TreeMap<>(Objects.requireNonNull(parameters, "parameters")));
        }

        /**
         * Reads {@code postgresql://HOST[:PORT]/DB[?user=U&password=P&sslmode=...]}; values are
         * percent-decoded.
         *
         * @throws IllegalArgumentException naming what is wrong, never repeating the text (it may hold a password)
         */
        /** A host name as DNS and /etc/hosts take it ('_' included), with an optional port of up to five digits. */
        private static final java.util.regex.Pattern REGISTRY_HOST = java.util.regex.Pattern.compile(
                "([A-Za-z0-9](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9])?)(?::(\\d{1,5}))?");

        static Postgres parse(String text) {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("a PostgreSQL store must be postgresql://HOST[:PORT]/DB[?user=U&password=P]"
                        + " (the URL does not parse at character " + e.getIndex() + ")");
            }
            if (!"postgresql".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
                throw new IllegalArgumentException("a PostgreSQL store must be postgresql://HOST[:PORT]/DB");
            }
            if (uri.getRawUserInfo() != null) {
                throw new IllegalArgumentException("a PostgreSQL store takes its credentials from ?user=&password= or "
                        + "PGUSER/PGPASSWORD, not before the host");
            }
            String host = uri.getHost();
            int port = uri.getPort();
            if (host == null) {
                // java.net.URI takes no '_' in a host name (RFC 2396), yet DNS and /etc/hosts do: read it here
                java.util.regex.Matcher named = REGISTRY_HOST.matcher(uri.getRawAuthority());
                if (!named.matches()) {
                    throw new IllegalArgumentException("a PostgreSQL store needs a host name or address: postgresql://HOST[:PORT]/DB");
                }
                host = named.group(1);
                port = named.group(2) == null ? -1 : Integer.parseInt(named.group(2));
            }
            host = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            String path = uri.getPath() == null ? "" : uri.getPath();
            if (!path.startsWith("/") || path.length() < 2 || path.indexOf('/', 1) >= 0) {
                throw new IllegalArgumentException("a PostgreSQL store needs one database name after the host: postgresql://HOST[:PORT]/DB");
            }
            if (uri.getRawFragment() != null) {
                throw new IllegalArgumentException("a PostgreSQL store URL has no '#' part");
            }
            String user = null;
            String password = null;
            Map<String, String> parameters = new TreeMap<>();
            String query = uri.getRawQuery();
            if (query != null && !query.isEmpty()) {
                for (String pair : query.split("&", -1)) {
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    switch (name) {
                        case "user" -> user = value;
                        case "password" -> password = value;
                        default -> {
                            if (!PASSED_THROUGH.contains(name)) {
                                throw new IllegalArgumentException("a PostgreSQL store does not take the parameter '"
                                        + H2Store.oneLine(name) + "' (it takes user, password and "
                                        + String.join(", ", PASSED_THROUGH.stream().sorted().toList()) + ")");
                            }
                            parameters.put(name, value);
                        }
                    }
                }
            }
            return new Postgres(host, port < 0 ? DEFAULT_PORT : port, path.substring(1), user, password,
                    parameters);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("a PostgreSQL store URL has a bad percent-escape in its query");
            }
        }

        /** @return the driver's URL: server and database only (credentials and settings go as properties) */
        String jdbcUrl() {
            String server = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + server + ":" + port + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
        }

        /** Never the credentials nor the parameters. */
        @Override
        public String toString() {
            String server = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return H2Store.oneLine(SCHEME + server + ":" + port + "/" + database);
        }
    }
}
