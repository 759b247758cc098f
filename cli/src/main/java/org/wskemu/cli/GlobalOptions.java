package org.wskemu.cli;

import org.wskemu.api.sharing.ProfileId;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes: where the store is, which profile decides, and --debug. */
final class GlobalOptions {

    @Option(names = "--store", paramLabel = "DIR|mem|postgresql://HOST[:PORT]/DB", scope = ScopeType.INHERIT,
            // the default first: picocli's wrapping may break a line at the '.' of .wskemu, never at the start
            description = "Default: .wskemu (in the working directory). The store: a directory (created by the first "
                    + "run), 'mem' to keep nothing, or a PostgreSQL database many processes may share (user and "
                    + "password from PGUSER/PGPASSWORD or ?user=&password=).")
    String store = ".wskemu";

    @Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT, converter = ProfileConverter.class,
            description = "Sharing profile: wsk (default), win32 or win32-legacy.")
    ProfileId profile = ProfileId.WSK;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures.")
    boolean debug;

    /** Parses profile names with the domain's message. */
    static final class ProfileConverter implements picocli.CommandLine.ITypeConverter<ProfileId> {
        @Override
        public ProfileId convert(String value) {
            try {
                return ProfileId.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
