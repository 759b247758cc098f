package org.wskemu.engine.sharing;

import org.wskemu.api.SessionRun;
import java.util.ArrayList;
import java.util.List;
import org.wskemu.api.AddressFamily;
import org.wskemu.api.AddressKind;
import org.wskemu.api.NtStatus;
import org.wskemu.api.ProcessId;
import org.wskemu.api.SharingOption;
import org.wskemu.api.SocketId;
import org.wskemu.api.TransportAddress;
import org.wskemu.api.TransportProtocol;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Binding;
import org.wskemu.api.sharing.SharingCell;
import org.wskemu.security.SecurityDescriptor;
import org.wskemu.security.Sid;
import org.wskemu.security.Token;

/**
 * The 6x6 sharing table of a profile as the arbiter decides it: every pair of a first binding and a
 * second request is put to {@link BindArbiter}, once with a first descriptor that grants the second
 * socket's context and once with one that refuses it, so CHECK cells show both outcomes.
 */
public final class SharingMatrix {

    /**
     * One cell: the table's cell and the statuses decided with a granting and a refusing descriptor.
     *
     * @param firstOption  the first bind's option (the row)
     * @param firstKind    the first bind's address kind (the row)
     * @param secondOption the second bind's option (the column)
     * @param secondKind   the second bind's address kind (the column)
     * @param cell         the table's cell
     * @param whenGranted  the second bind's status when the first socket's descriptor grants the access check
     * @param whenRefused  the second bind's status when it refuses it
     */
    public record Cell(SharingOption firstOption, AddressKind firstKind, SharingOption secondOption,
                       AddressKind secondKind, SharingCell cell, NtStatus whenGranted, NtStatus whenRefused) {

        /** {@return the status's short name ({@code INUSE}), or {@code CHECK: SUCCESS / DENIED} for a CHECK cell} */
        public String text() {
            if (cell != SharingCell.CHECK) {
                return shortStatus(whenGranted);
            }
            return "CHECK: " + shortStatus(whenGranted) + " / " + shortStatus(whenRefused);
        }
    }

    /**
     * One of the six rows or columns, in the table's order: NONE W, NONE S, REUSE W, REUSE S, EXCL W, EXCL S.
     *
     * @param option the bind's sharing option
     * @param kind   the bind's address kind (wildcard or specific)
     */
    public record Axis(SharingOption option, AddressKind kind) {
        /** {@return the heading, e.g. {@code REUSE W}} */
        public String text() {
            return option.shortName() + " " + kind.letter();
        }
    }

    private static final Sid FIRST_USER = Sid.parse("S-1-5-21-1-1-1-1001");
    private static final Token SECOND_CONTEXT = Token.of(Sid.parse("S-1-5-21-2-2-2-1002"));
    private static final SecurityDescriptor GRANTING = SecurityDescriptor.parse("D:(A;;GA;;;WD)");
    private static final SecurityDescriptor REFUSING = SecurityDescriptor.ownerOnly(FIRST_USER);

    private SharingMatrix() {
    }

    /** {@return the six rows (equally, columns) in the table's order} */
    public static List<Axis> axes() {
        List<Axis> axes = new ArrayList<>(6);
        for (SharingOption option : SharingOption.values()) {
            for (AddressKind kind : AddressKind.values()) {
                axes.add(new Axis(option, kind));
            }
        }
        return axes;
    }

    /**
     * The 36 cells, row by row (first bind), each row in column order (second bind).
     *
     * @param profile the profile whose arbiter decides each pair of binds
     * @return six rows of six cells
     */
    public static List<List<Cell>> decide(SharingProfile profile) {
        List<List<Cell>> rows = new ArrayList<>(6);
        for (Axis first : axes()) {
            List<Cell> row = new ArrayList<>(6);
            for (Axis second : axes()) {
                BindDecision granted = decideOne(profile, first, second, GRANTING);
                BindDecision refused = decideOne(profile, first, second, REFUSING);
                SharingCell cell = granted.consultations().get(0).cell();
                row.add(new Cell(first.option(), first.kind(), second.option(), second.kind(), cell,
                        granted.status(), refused.status()));
            }
            rows.add(row);
        }
        return rows;
    }

    /**
     * The matrix as a text table.
     *
     * @param profile the profile whose arbiter decides each pair of binds
     * @return the table, lines ended by {@code \n}
     */
    public static String render(SharingProfile profile) {
        List<List<Cell>> rows = decide(profile);
        List<Axis> axes = axes();
        int width = rows.stream().flatMap(List::stream).mapToInt(c -> c.text().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        out.append("Profile ").append(profile.id().label())
                .append(": rows are the first bind, columns the second bind (W wildcard, S specific)\n");
        StringBuilder header = new StringBuilder(pad("first \\ second", 15));
        axes.forEach(a -> header.append(" | ").append(pad(a.text(), width)));
        out.append(header.toString().stripTrailing()).append('\n');
        out.append("-".repeat(15));
        axes.forEach(a -> out.append("-+-").append("-".repeat(width)));
        out.append('\n');
        for (int r = 0; r < rows.size(); r++) {
            StringBuilder line = new StringBuilder(pad(axes.get(r).text(), 15));
            for (Cell cell : rows.get(r)) {
                line.append(" | ").append(pad(cell.text(), width));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("SUCCESS binds; INUSE = " + profile.id().inUseStatus().fullName() + "; DENIED = STATUS_ACCESS_DENIED;\n");
        if (rows.stream().flatMap(List::stream).anyMatch(c -> c.cell() == SharingCell.CHECK)) {
            // win32-legacy has no CHECK cell, so its legend does not mention one.
            out.append("CHECK: result when the first socket's descriptor grants / refuses the second socket's context.\n");
        }
        return out.toString();
    }

    private static BindDecision decideOne(SharingProfile profile, Axis first, Axis second,
                                          SecurityDescriptor firstDescriptor) {
        TransportAddress firstAddress = address(first.kind(), "10.0.0.1");
        TransportAddress secondAddress = address(second.kind(), "10.0.0.1");
        Binding existing = new Binding(new SocketId(1), "first", SessionRun.NONE, new ProcessId(4), TransportProtocol.TCP,
                firstAddress, first.option(), firstDescriptor);
        BindRequest request = new BindRequest(new SocketId(2), secondAddress, secondAddress, second.option(),
                SECOND_CONTEXT);
        return BindArbiter.decide(profile, PortBindings.of(List.of(existing)), request);
    }

    private static TransportAddress address(AddressKind kind, String specificHost) {
        return kind == AddressKind.WILDCARD
                ? TransportAddress.wildcard(AddressFamily.INET, 80)
                : new TransportAddress(AddressFamily.INET, specificHost, 80);
    }

    private static String shortStatus(NtStatus status) {
        return switch (status) {
            case SUCCESS -> "SUCCESS";
            case ADDRESS_ALREADY_EXISTS, SHARING_VIOLATION -> "INUSE";
            case ACCESS_DENIED -> "DENIED";
            default -> status.name();
        };
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
