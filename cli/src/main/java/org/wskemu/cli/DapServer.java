package org.wskemu.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.Capabilities;
import org.eclipse.lsp4j.debug.ConfigurationDoneArguments;
import org.eclipse.lsp4j.debug.ContinueArguments;
import org.eclipse.lsp4j.debug.ContinueResponse;
import org.eclipse.lsp4j.debug.DisconnectArguments;
import org.eclipse.lsp4j.debug.EvaluateArguments;
import org.eclipse.lsp4j.debug.EvaluateResponse;
import org.eclipse.lsp4j.debug.ExceptionBreakpointsFilter;
import org.eclipse.lsp4j.debug.GotoArguments;
import org.eclipse.lsp4j.debug.GotoTarget;
import org.eclipse.lsp4j.debug.GotoTargetsArguments;
import org.eclipse.lsp4j.debug.GotoTargetsResponse;
import org.eclipse.lsp4j.debug.InitializeRequestArguments;
import org.eclipse.lsp4j.debug.NextArguments;
import org.eclipse.lsp4j.debug.PauseArguments;
import org.eclipse.lsp4j.debug.ReverseContinueArguments;
import org.eclipse.lsp4j.debug.Scope;
import org.eclipse.lsp4j.debug.ScopesArguments;
import org.eclipse.lsp4j.debug.ScopesResponse;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetExceptionBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;
import org.eclipse.lsp4j.debug.StackFrame;
import org.eclipse.lsp4j.debug.StackTraceArguments;
import org.eclipse.lsp4j.debug.StackTraceResponse;
import org.eclipse.lsp4j.debug.StepBackArguments;
import org.eclipse.lsp4j.debug.StepInArguments;
import org.eclipse.lsp4j.debug.StepOutArguments;
import org.eclipse.lsp4j.debug.StoppedEventArguments;
import org.eclipse.lsp4j.debug.TerminateArguments;
import org.eclipse.lsp4j.debug.Thread;
import org.eclipse.lsp4j.debug.ThreadsResponse;
import org.eclipse.lsp4j.debug.Variable;
import org.eclipse.lsp4j.debug.VariablesArguments;
import org.eclipse.lsp4j.debug.VariablesResponse;
import org.eclipse.lsp4j.debug.services.IDebugProtocolClient;
import org.eclipse.lsp4j.debug.services.IDebugProtocolServer;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseError;
import org.eclipse.lsp4j.jsonrpc.messages.ResponseErrorCode;
import org.wskemu.api.event.BindRefused;
import org.wskemu.api.event.HostDeclared;
import org.wskemu.api.event.ProcessDeclared;
import org.wskemu.api.event.SocketBound;
import org.wskemu.api.sharing.BindDecision;
import org.wskemu.api.sharing.Consultation;
import org.wskemu.api.sharing.ProfileId;
import org.wskemu.engine.log.LoggedEvent;
import org.wskemu.engine.readmodel.OwnershipRow;
import org.wskemu.engine.readmodel.ReadModelView;
import org.wskemu.engine.readmodel.SocketRow;

/**
 * {@code wskemu dap}: the {@link Debugger} behind the Debug Adapter Protocol, on LSP4J's bindings.
 * Threads are the session's processes; the stack is the call at the cursor, its source the session
 * file at the call's line; the scopes are the call, its decision, the ports, the sockets and the
 * machine as of the cursor. The cursor is always stopped: every request that moves it answers, then
 * says where it stopped.
 */
final class DapServer implements IDebugProtocolServer {

    /** The exception breakpoint filters: a call that diverged, a call the emulator refused. */
    static final String DIVERGED = "diverged";
    static final String REFUSED = "refused";

    private final Runnable exit;
    private final AfterResponse after;
    private IDebugProtocolClient client;
    private AutoCloseable opened;
    private Debugger debugger;
    private Path sourceFile;
    private boolean stopOnEntry;
    private final Map<Long, Integer> threadOfProcess = new LinkedHashMap<>();
    private final Map<Integer, Supplier<List<Variable>>> references = new HashMap<>();

    /**
     * Sends events only after the response of the request that caused them (an editor expects the
     * response to {@code next} before the {@code stopped} it causes).
     */
    interface AfterResponse {
        void later(Runnable event);
    }

    DapServer(AfterResponse after, Runnable exit) {
        this.after = after;
        this.exit = exit;
    }

    void connect(IDebugProtocolClient remote) {
        this.client = remote;
    }

    @Override
    public CompletableFuture<Capabilities> initialize(InitializeRequestArguments args) {
        Capabilities capabilities = new Capabilities();
        capabilities.setSupportsConfigurationDoneRequest(true);
        capabilities.setSupportsStepBack(true);
        capabilities.setSupportsConditionalBreakpoints(true);
        capabilities.setSupportsGotoTargetsRequest(true);
        capabilities.setSupportsTerminateRequest(true);
        capabilities.setSupportsEvaluateForHovers(false);
        capabilities.setExceptionBreakpointFilters(new ExceptionBreakpointsFilter[] {
            filter(DIVERGED, "Diverged calls", "A call whose answer departs from the recording's expectation"),
            filter(REFUSED, "Refused calls", "A call the emulator refused (a status that is not a success)")});
        return CompletableFuture.completedFuture(capabilities);
    }

    private static ExceptionBreakpointsFilter filter(String id, String label, String description) {
        ExceptionBreakpointsFilter filter = new ExceptionBreakpointsFilter();
        filter.setFilter(id);
        filter.setLabel(label);
        filter.setDescription(description);
        filter.setDefault_(false);
        filter.setSupportsCondition(true);
        filter.setConditionDescription("e.g. port == 443 && socket == \"b80\"");
        return filter;
    }

    @Override
    public CompletableFuture<Void> launch(Map<String, Object> args) {
        try {
            open(args);
        } catch (UserError | IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        after.later(client::initialized);
        return CompletableFuture.completedFuture(null);
    }

    private void open(Map<String, Object> args) {
        Object session = args.get("session");
        Object store = args.get("store");
        if ((session == null) == (store == null)) {
            throw new IllegalArgumentException("launch takes either \"session\" (a session file) or \"store\" (a store)");
        }
        stopOnEntry = Boolean.TRUE.equals(args.get("stopOnEntry"));
        if (session != null) {
            if (args.get("run") != null) {
                throw new IllegalArgumentException("\"run\" picks a run of a store: it does not apply to a session file");
            }
            ProfileId profile = args.get("profile") == null ? ProfileId.WSK : ProfileId.parse(args.get("profile").toString());
            sourceFile = Path.of(session.toString()).toAbsolutePath();
            StringWriter faults = new StringWriter();
            Optional<SessionRecording> recording = SessionRecording.run(sourceFile, profile, new PrintWriter(faults));
            if (recording.isEmpty()) {
                throw new IllegalArgumentException(faults.toString().strip().lines().findFirst().orElse("malformed session"));
            }
            opened = recording.get();
            debugger = new Debugger(DebugRun.open(recording.get(), null));
        } else {
            if (args.get("profile") != null) {
                throw new IllegalArgumentException("\"profile\" does not apply to a store: each recorded decision keeps its own");
            }
            GlobalOptions global = new GlobalOptions();
            global.store = store.toString();
            Machine.Query query = Machine.query(global, null);
            opened = query;
            Long run = args.get("run") == null ? null : (long) Double.parseDouble(args.get("run").toString());
            debugger = new Debugger(DebugRun.open(query, run));
            sourceFile = Path.of(debugger.run().source()).toAbsolutePath();
        }
        threads();
    }

    @Override
    public CompletableFuture<Void> configurationDone(ConfigurationDoneArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        Debugger.Stop stop = stopOnEntry ? debugger.entry() : debugger.launch();
        stopped(stop);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<SetBreakpointsResponse> setBreakpoints(SetBreakpointsArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        debugger.clear(EnumSet.of(Debugger.Kind.LINE));
        List<Breakpoint> answered = new ArrayList<>();
        SourceBreakpoint[] wanted = args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints();
        for (SourceBreakpoint b : wanted) {
            Breakpoint answer = new Breakpoint();
            answer.setLine(b.getLine());
            answer.setSource(args.getSource());
            try {
                CallCondition condition = b.getCondition() == null || b.getCondition().isBlank() ? null
                        : CallCondition.parse(b.getCondition());
                Debugger.Breakpoint added = debugger.addBreakpoint(Debugger.Kind.LINE, b.getLine(), null, condition);
                answer.setId(added.id());
                boolean calls = !debugger.callsAtLine(b.getLine()).isEmpty();
                answer.setVerified(calls);
                if (!calls) {
                    answer.setMessage("no call of run " + debugger.run().run() + " is at line " + b.getLine());
                }
            } catch (IllegalArgumentException e) {
                answer.setVerified(false);
                answer.setMessage(e.getMessage());
            }
            answered.add(answer);
        }
        SetBreakpointsResponse response = new SetBreakpointsResponse();
        response.setBreakpoints(answered.toArray(Breakpoint[]::new));
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<SetExceptionBreakpointsResponse> setExceptionBreakpoints(SetExceptionBreakpointsArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        debugger.clear(EnumSet.of(Debugger.Kind.DIVERGED, Debugger.Kind.REFUSED));
        Map<String, String> conditions = new LinkedHashMap<>();
        if (args.getFilters() != null) {
            for (String f : args.getFilters()) {
                conditions.put(f, null);
            }
        }
        if (args.getFilterOptions() != null) {
            for (var option : args.getFilterOptions()) {
                conditions.put(option.getFilterId(), option.getCondition());
            }
        }
        try {
            for (Map.Entry<String, String> f : conditions.entrySet()) {
                Debugger.Kind kind = switch (f.getKey()) {
                    case DIVERGED -> Debugger.Kind.DIVERGED;
                    case REFUSED -> Debugger.Kind.REFUSED;
                    default -> throw new IllegalArgumentException("no exception filter '" + f.getKey()
                            + "' (there are diverged and refused)");
                };
                CallCondition condition = f.getValue() == null || f.getValue().isBlank() ? null : CallCondition.parse(f.getValue());
                debugger.addBreakpoint(kind, 0, null, condition);
            }
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        return CompletableFuture.completedFuture(new SetExceptionBreakpointsResponse());
    }

    @Override
    public CompletableFuture<ContinueResponse> continue_(ContinueArguments args) {
        return move(debugger -> debugger.forward(), new ContinueResponse());
    }

    @Override
    public CompletableFuture<Void> next(NextArguments args) {
        return move(Debugger::step, null);
    }

    @Override
    public CompletableFuture<Void> stepIn(StepInArguments args) {
        return move(Debugger::step, null);
    }

    @Override
    public CompletableFuture<Void> stepOut(StepOutArguments args) {
        return move(Debugger::step, null);
    }

    @Override
    public CompletableFuture<Void> stepBack(StepBackArguments args) {
        return move(Debugger::back, null);
    }

    @Override
    public CompletableFuture<Void> reverseContinue(ReverseContinueArguments args) {
        return move(Debugger::reverse, null);
    }

    @Override
    public CompletableFuture<Void> pause(PauseArguments args) {
        // the cursor never runs on its own: pausing says where it already is
        return move(d -> new Debugger.Stop(Debugger.Reason.GOTO, d.current(), null, null, true), null);
    }

    @Override
    public CompletableFuture<GotoTargetsResponse> gotoTargets(GotoTargetsArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        List<GotoTarget> targets = new ArrayList<>();
        try {
            if (!debugger.run().linesRecorded()) {
                throw new IllegalArgumentException("run " + debugger.run().run() + " recorded no file lines");
            }
            for (int index : debugger.callsAtLine(args.getLine())) {
                GotoTarget target = new GotoTarget();
                target.setId(index + 1);
                target.setLine(args.getLine());
                target.setLabel("position " + debugger.run().position(index) + " (call " + (index + 1) + ")");
                targets.add(target);
            }
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        GotoTargetsResponse response = new GotoTargetsResponse();
        response.setTargets(targets.toArray(GotoTarget[]::new));
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<Void> goto_(GotoArguments args) {
        return move(debugger -> debugger.moveTo(args.getTargetId() - 1), null);
    }

    /** Moves the cursor, answers, then says where it stopped. */
    private <T> CompletableFuture<T> move(java.util.function.Function<Debugger, Debugger.Stop> how, T answer) {
        if (debugger == null) {
            return failed("launch first");
        }
        Debugger.Stop stop;
        try {
            stop = how.apply(debugger);
        } catch (IllegalArgumentException e) {
            return failed(e.getMessage());
        }
        stopped(stop);
        return CompletableFuture.completedFuture(answer);
    }

    private void stopped(Debugger.Stop stop) {
        references.clear();
        StoppedEventArguments event = new StoppedEventArguments();
        event.setThreadId(threadOf(stop.call()));
        event.setAllThreadsStopped(true);
        String where = DebugAnswers.where(stop.call(), debugger.run());
        switch (stop.reason()) {
            case ENTRY -> event.setReason("entry");
            case GOTO -> event.setReason("goto");
            case WATCH -> {
                event.setReason("data breakpoint");
                event.setDescription("the holders of port " + stop.watch().port() + " changed");
            }
            case BREAKPOINT -> {
                Debugger.Kind kind = stop.breakpoint().kind();
                if (kind == Debugger.Kind.DIVERGED || kind == Debugger.Kind.REFUSED) {
                    event.setReason("exception");
                    event.setDescription(kind == Debugger.Kind.DIVERGED ? "diverged" : "refused");
                    event.setText(where);
                } else {
                    event.setReason("breakpoint");
                    event.setHitBreakpointIds(new Integer[] {stop.breakpoint().id()});
                }
            }
            case EDGE -> {
                event.setReason("step");
                event.setDescription(stop.forward() ? "the run's last call" : "the run's first call");
            }
            default -> event.setReason("step");
        }
        after.later(() -> client.stopped(event));
    }

    @Override
    public CompletableFuture<ThreadsResponse> threads() {
        if (debugger == null) {
            return failed("launch first");
        }
        if (threadOfProcess.isEmpty()) {
            DebugRun run = debugger.run();
            try (Stream<LoggedEvent> events = run.recording().log().readOfTypes(Math.max(0, run.position(0) - 8),
                    run.position(run.size() - 1), Set.of(ProcessDeclared.class))) {
                events.forEach(e -> threadOfProcess.putIfAbsent(((ProcessDeclared) e.event()).process().value(),
                        threadOfProcess.size() + 1));
            }
        }
        List<Thread> threads = new ArrayList<>();
        threadOfProcess.forEach((process, id) -> threads.add(thread(id, "process " + process)));
        if (threads.isEmpty()) {
            threads.add(thread(1, "calls"));
        }
        ThreadsResponse response = new ThreadsResponse();
        response.setThreads(threads.toArray(Thread[]::new));
        return CompletableFuture.completedFuture(response);
    }

    private static Thread thread(int id, String name) {
        Thread thread = new Thread();
        thread.setId(id);
        thread.setName(name);
        return thread;
    }

    private int threadOf(DebugCall call) {
        Integer id = call.process() == null ? null : threadOfProcess.get(call.process());
        return id != null ? id : 1;
    }

    @Override
    public CompletableFuture<StackTraceResponse> stackTrace(StackTraceArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        DebugCall call = debugger.current();
        List<StackFrame> frames = new ArrayList<>();
        if (args.getThreadId() == threadOf(call)) {
            StackFrame frame = new StackFrame();
            frame.setId(1);
            frame.setName(call.op() + (call.socket() != null ? " " + call.socket() : "") + " @" + call.position());
            Source source = new Source();
            source.setName(sourceFile.getFileName().toString());
            source.setPath(sourceFile.toString());
            frame.setSource(source);
            frame.setLine(call.line());
            frame.setColumn(1);
            frames.add(frame);
        }
        StackTraceResponse response = new StackTraceResponse();
        response.setStackFrames(frames.toArray(StackFrame[]::new));
        response.setTotalFrames(frames.size());
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<ScopesResponse> scopes(ScopesArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        List<Scope> scopes = List.of(scope("Call", this::callVariables), scope("Decision", this::decisionVariables),
                scope("Ports", this::portVariables), scope("Sockets", this::socketVariables),
                scope("Machine", this::machineVariables));
        ScopesResponse response = new ScopesResponse();
        response.setScopes(scopes.toArray(Scope[]::new));
        return CompletableFuture.completedFuture(response);
    }

    private Scope scope(String name, Supplier<List<Variable>> variables) {
        Scope scope = new Scope();
        scope.setName(name);
        scope.setVariablesReference(reference(variables));
        scope.setExpensive(false);
        return scope;
    }

    private int reference(Supplier<List<Variable>> variables) {
        int id = references.size() + 1;
        references.put(id, variables);
        return id;
    }

    @Override
    public CompletableFuture<VariablesResponse> variables(VariablesArguments args) {
        Supplier<List<Variable>> variables = references.get(args.getVariablesReference());
        VariablesResponse response = new VariablesResponse();
        response.setVariables(variables == null ? new Variable[0] : variables.get().toArray(Variable[]::new));
        return CompletableFuture.completedFuture(response);
    }

    private static Variable value(String name, Object value) {
        Variable variable = new Variable();
        variable.setName(name);
        variable.setValue(value == null ? "-" : value.toString());
        variable.setVariablesReference(0);
        return variable;
    }

    private Variable parent(String name, String value, Supplier<List<Variable>> children) {
        Variable variable = value(name, value);
        variable.setVariablesReference(reference(children));
        return variable;
    }

    private List<Variable> callVariables() {
        DebugCall call = debugger.current();
        List<Variable> variables = new ArrayList<>();
        variables.add(value("op", call.op()));
        variables.add(value("socket", call.socket()));
        variables.add(value("address", address(call)));
        variables.add(value("status", call.status() == null ? null : call.status().fullName()));
        variables.add(value("expectation", Optional.ofNullable(debugger.run().expectation(call.index()))
                .orElse(debugger.run().linesRecorded() ? "no expectation" : "not recorded")));
        variables.add(value("diverged", call.diverged()));
        variables.add(value("position", call.position()));
        variables.add(value("line", debugger.run().linesRecorded() ? call.line() : null));
        variables.add(value("process", call.process()));
        variables.add(value("text", call.text()));
        return variables;
    }

    private static String address(DebugCall call) {
        if (call.event() instanceof SocketBound bound) {
            return bound.binding().address().toString();
        }
        if (call.event() instanceof BindRefused refused) {
            return refused.decision().requested().toString();
        }
        return null;
    }

    private List<Variable> decisionVariables() {
        DebugCall call = debugger.current();
        List<Variable> variables = new ArrayList<>();
        StringWriter text = new StringWriter();
        ExplainCommand.explain(new PrintWriter(text, true), debugger.run().recording(), call.position(), false);
        List<String> lines = text.toString().lines().toList();
        variables.add(parent("explain", lines.isEmpty() ? "" : lines.get(0), () -> numbered(lines)));
        BindDecision decision = call.event() instanceof SocketBound bound ? bound.decision()
                : call.event() instanceof BindRefused refused ? refused.decision() : null;
        if (decision == null) {
            variables.add(value("cell", "none: no sharing table cell or access check decided this call"));
            return variables;
        }
        variables.add(value("profile", decision.profile()));
        variables.add(value("status", decision.status().fullName()));
        variables.add(value("reason", decision.reason()));
        Consultation deciding = decision.consultations().stream().filter(c -> !c.outcome().isSuccess()).findFirst()
                .orElse(null);
        variables.add(value("cell", deciding != null ? deciding.describeCell()
                : decision.consultations().isEmpty() ? "none consulted" : "every consulted cell allows sharing"));
        variables.add(value("deciding socket", deciding != null ? deciding.existing().label() : null));
        if (deciding != null && deciding.trace() != null) {
            variables.add(value("ace", deciding.trace().decidingAce() == null ? "none matched"
                    : deciding.existing().descriptor().toSddl() + " ACE " + deciding.trace().decidingAce()));
            List<String> trace = deciding.trace().describe().lines().toList();
            variables.add(parent("access check", deciding.trace().granted() ? "granted" : "denied", () -> numbered(trace)));
        }
        int n = 1;
        for (Consultation c : decision.consultations()) {
            variables.add(parent("consulted " + n++, c.existing().label() + " " + c.existing().address(), () -> {
                List<Variable> fields = new ArrayList<>();
                fields.add(value("socket", c.existing().label()));
                fields.add(value("address", c.existing().address()));
                fields.add(value("option", c.existing().option().name()));
                fields.add(value("cell", c.describeCell()));
                fields.add(value("outcome", c.outcome().fullName()));
                if (c.trace() != null) {
                    fields.add(value("access check", c.trace().describe().lines().findFirst().orElse("")));
                }
                return fields;
            }));
        }
        return variables;
    }

    private static List<Variable> numbered(List<String> lines) {
        List<Variable> variables = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            variables.add(value(String.valueOf(i + 1), lines.get(i)));
        }
        return variables;
    }

    private ReadModelView state() {
        return debugger.run().recording().timeline().at(debugger.current().position());
    }

    private List<Variable> portVariables() {
        List<Variable> variables = new ArrayList<>();
        DebugAnswers.byPort(state()).forEach((port, rows) -> variables.add(parent(String.valueOf(port),
                String.join(", ", rows.stream().map(OwnershipRow::label).toList()), () -> {
                    List<Variable> bindings = new ArrayList<>();
                    rows.forEach(r -> bindings.add(parent(r.label(), r.address() + " " + r.option().name(),
                            () -> binding(r))));
                    return bindings;
                })));
        return variables;
    }

    private static List<Variable> binding(OwnershipRow r) {
        return List.of(value("socket", r.label()), value("address", r.address() + (r.dualStack() ? " (dual-stack)" : "")),
                value("protocol", r.protocol().label()), value("option", r.option().name()),
                value("process", r.process().value()), value("run", r.run().number()), value("bound at", r.boundAt()));
    }

    private List<Variable> socketVariables() {
        ReadModelView state = state();
        List<Variable> variables = new ArrayList<>();
        for (SocketRow s : state.sockets()) {
            List<OwnershipRow> bound = state.ownership().stream().filter(r -> r.socket().equals(s.socket())).toList();
            String status = s.isOpen() ? bound.isEmpty() ? "open" : "bound" : "closed";
            variables.add(parent(s.label(), s.category().label() + ", " + s.family().label() + ", " + status, () -> {
                List<Variable> fields = new ArrayList<>();
                fields.add(value("category", s.category().label()));
                fields.add(value("family", s.family().label()));
                fields.add(value("process", s.process().value()));
                fields.add(value("state", s.isOpen() ? status : "closed at " + s.closedAt()));
                fields.add(value("created at", s.createdAt()));
                fields.add(value("options", bound.isEmpty() ? "-" : bound.get(0).option().name()));
                bound.forEach(r -> fields.add(value("bound to", r.address())));
                return fields;
            }));
        }
        return variables;
    }

    private List<Variable> machineVariables() {
        DebugRun run = debugger.run();
        long position = debugger.current().position();
        Map<Long, String> tokens = new LinkedHashMap<>();
        List<String> hosts = new ArrayList<>();
        try (Stream<LoggedEvent> events = run.recording().log().readOfTypes(0, position,
                Set.of(ProcessDeclared.class, HostDeclared.class))) {
            events.forEach(e -> {
                if (e.event() instanceof ProcessDeclared declared) {
                    tokens.put(declared.process().value(), EventText.token(declared.token()));
                } else if (e.event() instanceof HostDeclared host) {
                    hosts.clear();
                    host.addresses().forEach(a -> hosts.add(a.toString()));
                }
            });
        }
        List<Variable> variables = new ArrayList<>();
        variables.add(parent("processes", tokens.size() + " declared", () -> {
            List<Variable> processes = new ArrayList<>();
            tokens.forEach((process, token) -> processes.add(value("process " + process, "token " + token)));
            return processes;
        }));
        variables.add(value("host addresses", hosts.isEmpty() ? "none declared" : String.join(", ", hosts)));
        variables.add(value("profile", opened instanceof SessionRecording session ? session.profile().label()
                : "each decision's own (see Decision)"));
        variables.add(value("run", run.run()));
        variables.add(value("source", run.source()));
        variables.add(value("recording", run.recording().source()));
        variables.add(value("position", position));
        variables.add(value("call", (debugger.cursor() + 1) + " of " + run.size()));
        return variables;
    }

    /** The debug console: {@code wskemu debug}'s commands, answered as the prompt answers them. */
    @Override
    public CompletableFuture<EvaluateResponse> evaluate(EvaluateArguments args) {
        if (debugger == null) {
            return failed("launch first");
        }
        int before = debugger.cursor();
        StringWriter text = new StringWriter();
        new DebugShell(debugger, new PrintWriter(text, true), false).execute(args.getExpression());
        EvaluateResponse response = new EvaluateResponse();
        response.setResult(text.toString().stripTrailing());
        response.setVariablesReference(0);
        if (debugger.cursor() != before) {
            stopped(new Debugger.Stop(Debugger.Reason.GOTO, debugger.current(), null, null, true));
        }
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public CompletableFuture<Void> disconnect(DisconnectArguments args) {
        after.later(this::close);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> terminate(TerminateArguments args) {
        after.later(() -> client.terminated(new org.eclipse.lsp4j.debug.TerminatedEventArguments()));
        return CompletableFuture.completedFuture(null);
    }

    /** Closes what was opened and ends the adapter. */
    void close() {
        if (opened != null) {
            try {
                opened.close();
            } catch (Exception e) {
                // closing a query or an in-memory engine: nothing left to tell the editor
            }
            opened = null;
        }
        exit.run();
    }

    private static <T> CompletableFuture<T> failed(String message) {
        CompletableFuture<T> failed = new CompletableFuture<>();
        failed.completeExceptionally(new ResponseErrorException(new ResponseError(ResponseErrorCode.InvalidParams,
                message, null)));
        return failed;
    }
}
