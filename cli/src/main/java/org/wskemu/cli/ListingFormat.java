package org.wskemu.cli;

import java.util.List;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The output options of a listing command (SESSION-FORMAT.md: {@code state}, {@code history},
 * {@code audit}): a table by default, {@code --json}, {@code --csv}, or {@code -o table|json|csv}.
 * Two of them that disagree are a usage error.
 */
final class ListingFormat {

    /** What a listing prints. */
    enum Kind {
        /** Columns for a person, cells escaped. */
        TABLE,
        /** One JSON object per line. */
        JSON,
        /** RFC 4180 CSV with a header record. */
        CSV
    }

    @Option(names = "--json", description = "One JSON object per line (the same as -o json).")
    boolean json;

    @Option(names = "--csv", description = "CSV (RFC 4180, UTF-8) with a header record; formula-looking cells "
            + "start with ' (the same as -o csv).")
    boolean csv;

    @Option(names = "-o", paramLabel = "FORMAT", converter = KindConverter.class, completionCandidates = Names.class,
            description = "Output format: table (default), json or csv.")
    Kind output;

    /** What completion offers for {@code -o}: the formats as they are typed. */
    static final class Names implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("table", "json", "csv").iterator();
        }
    }

    /**
     * @return the one format asked for, TABLE when none
     * @throws UserError (exit 2) when two options ask for different formats
     */
    Kind kind() {
        Kind chosen = output;
        if (json) {
            chosen = agree(chosen, Kind.JSON, "--json");
        }
        if (csv) {
            chosen = agree(chosen, Kind.CSV, "--csv");
        }
        return chosen == null ? Kind.TABLE : chosen;
    }

    private static Kind agree(Kind chosen, Kind wanted, String option) {
        if (chosen != null && chosen != wanted) {
            throw new UserError(ExitCode.BAD_INPUT, option + " asks for " + wanted.name().toLowerCase(Locale.ROOT)
                    + " output, but " + chosen.name().toLowerCase(Locale.ROOT) + " was asked for too");
        }
        return wanted;
    }

    /** {@code table}, {@code json} or {@code csv}, in any case. */
    static final class KindConverter implements ITypeConverter<Kind> {
        @Override
        public Kind convert(String value) {
            try {
                return Kind.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("expected table, json or csv, was '" + value + "'");
            }
        }
    }
}
