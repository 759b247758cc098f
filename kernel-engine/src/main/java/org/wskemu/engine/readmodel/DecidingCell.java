package org.wskemu.engine.readmodel;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.wskemu.api.AddressKind;
import org.wskemu.api.SharingOption;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.SharingCell;

/**
 * The cell of the sharing table that refused a bind, as a value: the first (existing) binding's
 * option and address kind, the second (new) socket's, and the cell's result. The read models build
 * it where the decision is made, from the deciding {@link Consultation} ({@link #of}), and {@link
 * DecisionRow#cell()} answers it, so a test compares cells without parsing text. {@link
 * DecisionRow#decidingCell()} keeps the same cell as the text the output shows ({@code first EXCL S
 * then second NONE W -> DENIED}); the read-model tables store only that text, and {@link #parse}
 * reads it back to the same value.
 *
 * <p>A dual-stack wildcard binding with SO_EXCLUSIVEADDRUSE that refuses an inet bind (SPEC.md 6a.3)
 * is the cell DENIED of its options and kinds.
 *
 * @param firstOption  the existing binding's sharing option
 * @param firstKind    the existing binding's address kind (wildcard or specific)
 * @param secondOption the requesting socket's sharing option
 * @param secondKind   the requested address kind
 * @param result       the cell: {@code INUSE}, {@code DENIED}, or {@code CHECK} when the access check refused
 */
public record DecidingCell(SharingOption firstOption, AddressKind firstKind, SharingOption secondOption,
                           AddressKind secondKind, SharingCell result) {

    // Consultation.describeCell's text; a CHECK cell carries " (granted)" or " (refused)" after it, a
    // dual-stack exclusive refusal marks the first binding and the name space.
    private static final Pattern TEXT = Pattern.compile("first (\\S+) ([WS])(?: \\(dual-stack\\))? then second (\\S+) "
            + "([WS])(?: in inet)? -> (SUCCESS|INUSE|DENIED|CHECK)\\b.*");

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
     * {@return the cell of a consultation that decided a bind}
     *
     * @param deciding the consultation that refused the bind
     */
    public static DecidingCell of(Consultation deciding) {
        // SPEC.md 6a.3: the dual-stack exclusive binding refuses whatever the table's cell says
        SharingCell result = deciding.dualStackExclusive() ? SharingCell.DENIED : deciding.cell();
        return new DecidingCell(deciding.firstOption(), deciding.firstKind(), deciding.secondOption(),
                deciding.secondKind(), result);
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
