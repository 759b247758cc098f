package org.wskemu.engine.sharing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.wskemu.api.AddressKind;
import org.wskemu.api.SharingOption;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.AccessMask;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;

/**
 * A sharing profile (SPEC.md 7): the 36-cell table of "first bind then second bind" results and the
 * descriptor a socket has when none was given. The tables are data, read from the project's own copy
 * of {@code sharing-policies.csv}.
 */
public final class SharingProfile {

    private static final String TABLE = "sharing-policies.csv";
    private static final Map<ProfileId, SharingProfile> PROFILES = load();

    private final ProfileId id;
    private final SharingCell[] cells; // indexed by cellIndex(first, second)

    private SharingProfile(ProfileId id, SharingCell[] cells) {
        this.id = id;
        this.cells = cells;
    }

    /**
     * The profile named {@code id}.
     *
     * @param id the profile's name
     * @return the profile, never null
     */
    public static SharingProfile of(ProfileId id) {
        return PROFILES.get(Objects.requireNonNull(id, "id"));
    }

    /** {@return the profile's name} */
    public ProfileId id() {
        return id;
    }

    /**
     * The cell for a second bind ({@code second}) on an address a first bind ({@code first}) holds.
     *
     * @param firstOption  the existing binding's option
     * @param firstKind    the existing binding's address kind
     * @param secondOption the new socket's option
     * @param secondKind   the requested address kind
     * @return the table's cell under this profile
     */
    public SharingCell cell(SharingOption firstOption, AddressKind firstKind,
                            SharingOption secondOption, AddressKind secondKind) {
        return cells[cellIndex(firstOption, firstKind, secondOption, secondKind)];
    }

    /**
     * The descriptor of a socket created without one, whose context user is {@code owner}.
     * {@code wsk} and {@code win32-legacy}: owner only with an empty DACL, which "does not permit
     * sharing" (WDK "Sharing Transport Addresses"; empty DACL is the [emulator choice] of SPEC.md 4).
     * {@code win32}: {@code D:(A;;GA;;;owner)}, so the same user may share and others may not
     * (Win32 "Using SO_REUSEADDR and SO_EXCLUSIVEADDRUSE", Windows Server 2003 and later).
     *
     * @param owner the user of the creating context
     * @return the default descriptor under this profile
     */
    public SecurityDescriptor defaultDescriptor(Sid owner) {
        return id == ProfileId.WIN32
                ? SecurityDescriptor.allowing(owner, AccessMask.GENERIC_ALL, owner)
                : SecurityDescriptor.ownerOnly(owner);
    }

    private static int cellIndex(SharingOption firstOption, AddressKind firstKind,
                                 SharingOption secondOption, AddressKind secondKind) {
        int first = firstOption.ordinal() * 2 + firstKind.ordinal();
        int second = secondOption.ordinal() * 2 + secondKind.ordinal();
        return first * 6 + second;
    }

    private static Map<ProfileId, SharingProfile> load() {
        Map<ProfileId, SharingCell[]> tables = new EnumMap<>(ProfileId.class);
        for (ProfileId id : ProfileId.values()) {
            tables.put(id, new SharingCell[36]);
        }
        try (InputStream in = SharingProfile.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException("the sharing table " + TABLE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>(reader.lines().toList());
            String[] header = lines.remove(0).split(",");
            for (int lineNo = 0; lineNo < lines.size(); lineNo++) {
                String line = lines.get(lineNo);
                if (line.isBlank()) {
                    continue;
                }
                String[] field = line.split(",");
                int index = cellIndex(SharingOption.parse(field[1]), AddressKind.valueOf(field[2]),
                        SharingOption.parse(field[3]), AddressKind.valueOf(field[4]));
                for (int column = 5; column < header.length; column++) {
                    SharingCell[] table = tables.get(ProfileId.parse(header[column]));
                    if (table[index] != null) {
                        throw new IllegalStateException(TABLE + " line " + (lineNo + 2) + ": cell given twice");
                    }
                    table[index] = SharingCell.valueOf(field[column]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<ProfileId, SharingProfile> profiles = new EnumMap<>(ProfileId.class);
        tables.forEach((id, table) -> {
            for (int i = 0; i < table.length; i++) {
                if (table[i] == null) {
                    throw new IllegalStateException(TABLE + ": profile " + id + " lacks cell " + i);
                }
            }
            profiles.put(id, new SharingProfile(id, table));
        });
        return profiles;
    }

    @Override
    public String toString() {
        return id.label();
    }
}
