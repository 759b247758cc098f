package org.wskemu.engine.readmodel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wskemu.api.SocketId;
import org.wskemu.engine.log.LoggedEvent;

/**
 * The read models held in memory: the live view of an in-memory engine, the timeline's folds and
 * the reference a rebuild is compared with. Not thread-safe; callers copy or lock.
 */
public final class InMemoryReadModels implements ReadModelSink, ReadModelView {

    private final Map<SocketId, SocketRow> sockets;
    private final Map<SocketId, OwnershipRow> ownership;
    private final List<DecisionRow> decisions;
    private final List<WarningRow> warnings;
    private long position;

    /** Empty read models, as of position 0. */
    public InMemoryReadModels() {
        this(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>(), 0);
    }

    private InMemoryReadModels(Map<SocketId, SocketRow> sockets, Map<SocketId, OwnershipRow> ownership,
                               List<DecisionRow> decisions, List<WarningRow> warnings, long position) {
        this.sockets = sockets;
        this.ownership = ownership;
        this.decisions = decisions;
        this.warnings = warnings;
        this.position = position;
    }

    /**
     * Read models holding only {@code ownership}, as of {@code position}: a timeline checkpoint's state.
     *
     * @param position  the position the rows are as of
     * @param ownership the live bindings then
     * @return new read models with no sockets, decisions or warnings
     */
    public static InMemoryReadModels seeded(long position, Collection<OwnershipRow> ownership) {
        InMemoryReadModels models = new InMemoryReadModels();
        ownership.forEach(models::bound);
        models.position = position;
        return models;
    }

    /**
     * Folds one event in.
     *
     * @param event the next event, in position order
     */
    public void fold(LoggedEvent event) {
        Projector.apply(event, this);
    }

    /** {@return an independent copy, e.g. a timeline checkpoint} */
    public InMemoryReadModels copy() {
        return new InMemoryReadModels(new LinkedHashMap<>(sockets), new LinkedHashMap<>(ownership),
                new ArrayList<>(decisions), new ArrayList<>(warnings), position);
    }

    @Override
    public void socketCreated(SocketRow row) {
        sockets.put(row.socket(), row);
    }

    @Override
    public void socketClosed(SocketId socket, long closedAt) {
        sockets.computeIfPresent(socket, (id, row) -> row.closed(closedAt));
    }

    @Override
    public void bound(OwnershipRow row) {
        ownership.put(row.socket(), row);
    }

    @Override
    public void released(SocketId socket) {
        ownership.remove(socket);
    }

    @Override
    public void decided(DecisionRow row) {
        decisions.add(row);
    }

    @Override
    public void warned(WarningRow row) {
        warnings.add(row);
    }

    @Override
    public void advanced(long newPosition) {
        position = newPosition;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public List<OwnershipRow> ownership() {
        return List.copyOf(ownership.values());
    }

    @Override
    public List<DecisionRow> decisions() {
        return List.copyOf(decisions);
    }

    @Override
    public List<WarningRow> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public List<SocketRow> sockets() {
        return List.copyOf(sockets.values());
    }

    /**
     * Whether two views hold the same rows (positions included).
     *
     * @param a a view
     * @param b another view
     * @return true when sockets, ownership, decisions and warnings are equal
     */
    public static boolean same(ReadModelView a, ReadModelView b) {
        return a.ownership().equals(b.ownership()) && a.decisions().equals(b.decisions())
                && a.warnings().equals(b.warnings()) && a.sockets().equals(b.sockets());
    }
}
