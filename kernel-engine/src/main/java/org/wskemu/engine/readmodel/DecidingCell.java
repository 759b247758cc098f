package org.wskemu.engine.readmodel;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wskemu.api.AddressKind;
import org.wskemu.api.SharingOption;
import org.wskemu.api.sharing.SharingCell;

/**
 * The cell of the sharing table that refused a bind, as a value: the first (existing) binding's
 * option and address kind, the second (new) socket's, and the cell's result. {@link
 * DecisionRow#decidingCell()} keeps the same cell as text, {@code first EXCL S then second NONE W
 * -> DENIED}; {@link DecisionRow#cell()} answers this value, so a test compares cells without
 * parsing text.
 *
 * @param firstOption  the existing binding's sharing option
 * @param firstKind    the existing binding's address kind (wildcard or specific)
 * @param secondOption the requesting socket's sharing option
 * @param secondKind   the requested address kind
 * @param result       the cell: {@code INUSE}, {@code DENIED}, or {@code CHECK} when the access check refused
 */
public record DecidingCell(SharingOption firstOption, AddressKind firstKind, SharingOption secondOption,
                           AddressKind secondKind, SharingCell result) {

    // Consultation.describeCell's text; a CHECK cell carries " (granted)" or " (refused)" after it.
    private static final Pattern TEXT = Pattern.compile(
            "first (\\S+) ([WS]) then second (\\S+) ([WS]) -> (SUCCESS|INUSE|DENIED|CHECK)\\b.*");

    /**
     * Checks every part is there.
     *
     * @param firstOption  the existing binding's sharing option
     * @param firstKind    the existing binding's address kind
     * @param secondOption the requesting socket's sharing option
     * @param secondKind   the requested address kind
     * @param result       the cell's result
     * @throws NullPointerException if a part is null
     */
    public DecidingCell {
        Objects.requireNonNull(firstOption, "firstOption");
        Objects.requireNonNull(firstKind, "firstKind");
        Objects.requireNonNull(secondOption, "secondOption");
        Objects.requireNonNull(secondKind, "secondKind");
        Objects.requireNonNull(result, "result");
    }

    /**
     * Reads the text form a decision row keeps.
     *
     * @param text a deciding cell's text, or null
     * @return the cell, or empty when {@code text} is null or not a cell's text
     */
    public static Optional<DecidingCell> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = TEXT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DecidingCell(SharingOption.parse(m.group(1)), kind(m.group(2)),
                    SharingOption.parse(m.group(3)), kind(m.group(4)), SharingCell.valueOf(m.group(5))));
        } catch (IllegalArgumentException notACell) {
            return Optional.empty();
        }
    }

    private static AddressKind kind(String letter) {
        return letter.equals(AddressKind.WILDCARD.letter()) ? AddressKind.WILDCARD : AddressKind.SPECIFIC;
    }
}
