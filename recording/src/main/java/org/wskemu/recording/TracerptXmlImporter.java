package org.wskemu.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.wskemu.api.TransportAddress;
import org.wskemu.security.Sid;

/**
 * Reads an ETW capture as {@code tracerpt -of XML} writes it: {@code <Events>} of
 * {@code <Event>}s, each with {@code System/{Provider @Name, EventID, Execution @ProcessID @ThreadID,
 * TimeCreated @SystemTime, Security @UserID}} and {@code EventData/Data @Name}.
 *
 * <p>Event and field names are those of the published provider manifests, as dumped from Windows 10
 * in {@code jdu2600/Windows10EtwEvents} ({@code manifest/Microsoft-Windows-Winsock-AFD.tsv},
 * {@code manifest/Microsoft-Windows-Winsock-Sockets.tsv}, {@code manifest/Microsoft-Windows-TCPIP.tsv}):
 * <ul>
 *   <li>Winsock-AFD (kernel side; every Status an NTSTATUS): 1000 AfdCreateOpen(EnterExit, Location,
 *       Process, Endpoint, AddressFamily, SocketType, Protocol, ProcessId, Status), 1001
 *       AfdCloseClosed(EnterExit, Location, Process, Endpoint, Status), 1030
 *       AfdBindWithAddressConnected(EnterExit, Location, Process, Endpoint, Status, AddressLen, Address),
 *       1035 AfdOption(EnterExit, Location, Process, Endpoint, Option, Value, Status), 1037
 *       AfdListen(EnterExit, Location, Process, Endpoint, Backlog, Status). EnterExit 0 is "the start of a
 *       Winsock request", 1 "the Winsock request completed", 4 an action of AFD itself such as setting an
 *       option (Microsoft docs, "AFD_EVENT_CLOSE event"): a record with EnterExit 0 carries no outcome
 *       and is skipped.</li>
 *   <li>Winsock-Sockets (user mode; every ErrorCode a Winsock error): 2 SockCreateStop(ErrorCode, Socket,
 *       AddressFamily, SocketType, Protocol, ProcessId, FailurePoint), 4 SockCloseStop(ErrorCode, Socket,
 *       IsProviderSocket, FailurePoint), 8 SockSetOptStop(ErrorCode, Socket, Level, OptName, OptLen,
 *       OptVal, FailurePoint), 12 SockBindStop(ErrorCode, Socket, AddressLength, Address, FailurePoint),
 *       16 SockListenStop(ErrorCode, Socket, Backlog, FailurePoint).</li>
 *   <li>TCPIP (kernel side; Status an NTSTATUS): 1001 TcpEndpointCreation(Status, Endpoint, AddressFamily,
 *       Pid), 1006 TcpBindEndpointPortFailure and 1008 TcpBindEndpointComplete (LocalAddressLength,
 *       LocalAddress, Status), 1009 TcpCloseEndpoint(LocalAddressLength, LocalAddress, Status); UDP:
 *       1169 UdpEndpointSendMessages and 1170 UdpEndpointReceiveMessages (Endpoint, ..., LocalSockAddr, ...,
 *       Pid).</li>
 * </ul>
 *
 * <p>[emulator choice] The three providers describe the same calls at three layers; a capture is read
 * from one layer only, the first present of AFD, Winsock-Sockets, TCPIP (AFD's statuses are the kernel's
 * NTSTATUS, the closest to a WSK driver's view), and the events of the other layers are counted in a
 * comment, never turned into calls.
 *
 * <p>The XML is read with the JDK's StAX parser with DTDs and external entities off; a document with a
 * DOCTYPE is refused (tracerpt writes none), so a hostile capture cannot read files or expand entities.
 */
final class TracerptXmlImporter implements Importer {

    static final String AFD = "Microsoft-Windows-Winsock-AFD";
    static final String SOCKETS = "Microsoft-Windows-Winsock-Sockets";
    static final String TCPIP = "Microsoft-Windows-TCPIP";

    /** A capture names a token only when recorded with the SID extension; otherwise this stated default. */
    static final SessionBuilder.DefaultUser ETW_USER = new SessionBuilder.DefaultUser(Sid.parse("S-1-5-21-0-0-0-1000"),
            "the event carries no Security UserID, so every such process gets one placeholder user");

    private static final int AF_INET = 2;
    private static final int AF_INET6 = 23;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_DGRAM = 2;
    private static final int SOL_SOCKET = 0xFFFF;
    private static final int IPPROTO_IPV6 = 41;
    private static final int SO_REUSEADDR = 0x0004;
    private static final int SO_EXCLUSIVEADDRUSE = ~SO_REUSEADDR;
    private static final int IPV6_V6ONLY = 27;
    private static final int MAX_TEXT = 64 * 1024;

    @Override
    public Format format() {
        return Format.TRACERPT_XML;
    }

    /** Receives the events of a capture in file order. */
    private interface EventSink {
        void accept(EtwEvent event) throws ImportException;
    }

    @Override
    public ImportSummary importTo(String displayName, RecordingSource source, ImportOptions options, java.io.Writer writer)
            throws ImportException {
        // Pass 1 checks the whole capture (a malformed one writes nothing), finds the layer to read and the
        // sockets listened on; pass 2 writes. Neither holds the capture.
        Survey survey = new Survey(displayName);
        parse(displayName, source, survey::accept);
        String layer = survey.layer();
        Writer out = new Writer(displayName, layer, survey, new SessionBuilder(writer, options, ETW_USER),
                !options.hosts().isEmpty());
        out.header(options);
        parse(displayName, source, out::accept);
        return out.summary();
    }

    private static void parse(String file, RecordingSource source, EventSink sink) throws ImportException {
        try (InputStream in = source.open()) {
            parse(file, in, sink);
        } catch (IOException e) {
            throw ImportException.unreadable(file, e);
        }
    }

    // ---------------------------------------------------------------- XML

    static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        // A malformed capture is reported once, as wskemu's own line: the parser prints nothing itself.
        factory.setXMLReporter((message, type, info, location) -> { });
        return factory;
    }

    private static void parse(String file, InputStream in, EventSink sink) throws ImportException {
        XMLStreamReader xml = null;
        try {
            xml = secureFactory().createXMLStreamReader(in);
            boolean root = false;
            while (xml.hasNext()) {
                int type = xml.next();
                if (type == XMLStreamConstants.DTD) {
                    throw ImportException.at(file, xml.getLocation().getLineNumber(),
                            "a DOCTYPE is refused (tracerpt writes none; a capture may not declare entities)");
                }
                if (type == XMLStreamConstants.ENTITY_REFERENCE) {
                    throw ImportException.at(file, xml.getLocation().getLineNumber(),
                            "entity reference '&" + Text.safe(xml.getLocalName()) + ";' is refused");
                }
                if (type != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (!root) {
                    root = true;
                    if (!xml.getLocalName().equals("Events")) {
                        throw ImportException.at(file, xml.getLocation().getLineNumber(), "the root element is '"
                                + Text.safe(xml.getLocalName()) + "', expected 'Events' (tracerpt -of XML)");
                    }
                    continue;
                }
                if (xml.getLocalName().equals("Event")) {
                    sink.accept(event(file, xml));
                } else {
                    skip(file, xml);
                }
            }
            if (!root) {
                throw ImportException.of(file, "no 'Events' element: not a tracerpt XML capture");
            }
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            String message = xmlMessage(e);
            throw line > 0 ? ImportException.at(file, line, "malformed XML: " + message)
                    : ImportException.of(file, "malformed XML: " + message);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // closing a reader of a stream the caller closes: nothing to report
                }
            }
        }
    }

    /** Reads one {@code <Event>} (the reader is on its start tag) up to its end tag. */
    private static EtwEvent event(String file, XMLStreamReader xml) throws XMLStreamException, ImportException {
        int line = xml.getLocation().getLineNumber();
        String provider = null;
        String eventId = null;
        Optional<Integer> pid = Optional.empty();
        Optional<Integer> tid = Optional.empty();
        Optional<String> time = Optional.empty();
        Optional<String> user = Optional.empty();
        Map<String, String> data = new LinkedHashMap<>();
        int depth = 1;
        while (depth > 0) {
            int type = xml.next();
            if (type == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (type == XMLStreamConstants.ENTITY_REFERENCE) {
                throw ImportException.at(file, xml.getLocation().getLineNumber(), "entity references are refused");
            }
            if (type != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            int at = xml.getLocation().getLineNumber();
            switch (xml.getLocalName()) {
                case "System", "EventData" -> depth++;
                case "Provider" -> {
                    provider = xml.getAttributeValue(null, "Name");
                    skip(file, xml);
                }
                case "EventID" -> eventId = text(file, xml);
                case "Execution" -> {
                    String p = xml.getAttributeValue(null, "ProcessID");
                    String t = xml.getAttributeValue(null, "ThreadID");
                    pid = p == null ? Optional.empty() : Optional.of(id(file, at, "ProcessID", p));
                    tid = t == null ? Optional.empty() : Optional.of(id(file, at, "ThreadID", t));
                    skip(file, xml);
                }
                case "TimeCreated" -> {
                    time = Optional.ofNullable(xml.getAttributeValue(null, "SystemTime"));
                    skip(file, xml);
                }
                case "Security" -> {
                    user = Optional.ofNullable(xml.getAttributeValue(null, "UserID"));
                    skip(file, xml);
                }
                case "Data" -> {
                    String name = xml.getAttributeValue(null, "Name");
                    String value = text(file, xml);
                    if (name != null) {
                        data.put(name, value.strip());
                    }
                }
                default -> skip(file, xml);
            }
        }
        if (provider == null) {
            throw ImportException.at(file, line, "the event has no System/Provider Name");
        }
        if (eventId == null) {
            throw ImportException.at(file, line, "the event has no System/EventID");
        }
        int id;
        try {
            id = Integer.parseInt(eventId.strip());
        } catch (NumberFormatException e) {
            throw ImportException.at(file, line, "EventID '" + Text.safe(eventId) + "' is not a number");
        }
        return new EtwEvent(line, provider, id, pid, tid, time, user, data);
    }

    /** The text of the element the reader is on, up to its end tag; nested elements are an error. */
    private static String text(String file, XMLStreamReader xml) throws XMLStreamException, ImportException {
        StringBuilder text = new StringBuilder();
        int line = xml.getLocation().getLineNumber();
        while (true) {
            int type = xml.next();
            if (type == XMLStreamConstants.END_ELEMENT) {
                return text.toString();
            }
            if (type == XMLStreamConstants.CHARACTERS || type == XMLStreamConstants.CDATA || type == XMLStreamConstants.SPACE) {
                if (text.length() + xml.getTextLength() > MAX_TEXT) {
                    throw ImportException.at(file, line, "a value longer than " + MAX_TEXT + " characters");
                }
                text.append(xml.getText());
            } else if (type == XMLStreamConstants.START_ELEMENT) {
                throw ImportException.at(file, xml.getLocation().getLineNumber(), "unexpected element '"
                        + Text.safe(xml.getLocalName()) + "' inside a value");
            } else if (type == XMLStreamConstants.ENTITY_REFERENCE) {
                throw ImportException.at(file, xml.getLocation().getLineNumber(), "entity references are refused");
            }
        }
    }

    /** Skips the element the reader is on, with everything in it. */
    private static void skip(String file, XMLStreamReader xml) throws XMLStreamException, ImportException {
        int depth = 1;
        while (depth > 0) {
            int type = xml.next();
            if (type == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (type == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (type == XMLStreamConstants.ENTITY_REFERENCE) {
                throw ImportException.at(file, xml.getLocation().getLineNumber(), "entity references are refused");
            }
        }
    }

    private static int id(String file, int line, String what, String text) throws ImportException {
        try {
            long value = Long.parseLong(text.strip());
            if (value < 0 || value > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) value;
        } catch (NumberFormatException e) {
            throw ImportException.at(file, line, what + " '" + Text.safe(text) + "' is not a process or thread id");
        }
    }

    /** The JDK's message without its "ParseError at [row,col]:[..]" preamble, on one line. */
    private static String xmlMessage(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        if (at >= 0) {
            message = message.substring(at + "Message: ".length());
        }
        return Text.safe(message.replaceAll("\\s+", " ").strip());
    }

    // ---------------------------------------------------------------- events to session lines

    /**
     * The first pass: which providers the capture holds, and the sockets (key@line of creation) a listen
     * event names while they are open, for each layer that has listens.
     */
    private static final class Survey {
        private final String file;
        private final Map<String, Long> counts = new HashMap<>();
        private final Set<String> listened = new HashSet<>();
        private final Map<String, Integer> openedAt = new HashMap<>();
        /** Whether a TCP bind or close event lacks an Endpoint (the Windows 10 manifest): then TCP creations are not joined. */
        private boolean tcpWithoutEndpoint;

        Survey(String file) {
            this.file = file;
        }

        void accept(EtwEvent event) throws ImportException {
            counts.merge(event.provider(), 1L, Long::sum);
            if (event.provider().equals(TCPIP) && (event.id() == 1006 || event.id() == 1008 || event.id() == 1009)
                    && !event.data().containsKey("Endpoint")) {
                tcpWithoutEndpoint = true;
            }
            if (event.provider().equals(AFD) && (event.id() == 1000 || event.id() == 1037) && enterExit(event) != 0) {
                String key = afdKey(file, event);
                if (event.id() == 1000) {
                    openedAt.put(key, event.line());
                } else if (openedAt.containsKey(key) && number(file, event, "Status") == 0) {
                    listened.add(key + "@" + openedAt.get(key));
                }
            } else if (event.provider().equals(SOCKETS) && (event.id() == 2 || event.id() == 16)) {
                String key = socketsKey(file, event);
                if (event.id() == 2) {
                    openedAt.put(key, event.line());
                } else if (openedAt.containsKey(key) && number(file, event, "ErrorCode") == 0) {
                    listened.add(key + "@" + openedAt.get(key));
                }
            }
        }

        /** The layer read: the first present of AFD, Winsock-Sockets, TCPIP [emulator choice]. */
        String layer() throws ImportException {
            for (String provider : List.of(AFD, SOCKETS, TCPIP)) {
                if (counts.containsKey(provider)) {
                    return provider;
                }
            }
            throw ImportException.of(file, "no event of " + AFD + ", " + SOCKETS + " or " + TCPIP);
        }

        long others(String layer) {
            return counts.entrySet().stream().filter(e -> !e.getKey().equals(layer)).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** Turns the events of one layer into session lines, one event at a time. */
    private static final class Writer {
        private final String file;
        private final String layer;
        private final Survey survey;
        private final SessionBuilder out;
        private final boolean hostGiven;
        private final Labels labels = new Labels();
        /** Socket key to the key's socket family ("inet"/"inet6"), for live sockets only. */
        private final Map<String, String> families = new HashMap<>();
        /** TCPIP layer, events without an Endpoint: live sockets bound successfully, by address text, most recent last. */
        private final Map<String, List<String>> boundAt = new HashMap<>();
        private int tcpipSockets;
        private long traced;
        private long imported;
        private long commented;
        private long needHost;

        Writer(String file, String layer, Survey survey, SessionBuilder out, boolean hostGiven) {
            this.file = file;
            this.layer = layer;
            this.survey = survey;
            this.out = out;
            this.hostGiven = hostGiven;
        }

        void header(ImportOptions options) {
            out.comment("Imported by 'wskemu import --from tracerpt-xml' from " + Text.safe(file) + ".");
            out.comment("Each call line follows a comment naming its event (line of its <Event> tag, provider, EventID).");
            out.comment("Layer read: " + layer + (layer.equals(SOCKETS)
                    ? " (user mode: expectations are Winsock errors)" : " (kernel: expectations are NTSTATUS values)")
                    + "; the other providers' events describe the same calls at other layers and are not read [emulator choice].");
            long other = survey.others(layer);
            if (other > 0) {
                out.comment(other + " event(s) of other providers not read.");
            }
            if (layer.equals(TCPIP)) {
                out.comment("TCPIP events are below AFD: they name no user (unless captured with the SID extension), no socket");
                out.comment("category (listen or connection) and no security descriptor, so a CHECK cell between two sockets");
                out.comment("cannot be judged from the capture: the replay decides it with the profile's default descriptor.");
                out.comment("Replay under --profile wsk (kernel statuses).");
            }
            out.host(options.hosts());
        }

        ImportSummary summary() {
            out.flush();
            return new ImportSummary(traced, imported, commented, 0, needHost, out.jsonLines(), out.commentLines());
        }

        void accept(EtwEvent event) throws ImportException {
            if (!event.provider().equals(layer)) {
                return;
            }
            long lines = out.jsonLines();
            boolean call;
            switch (layer) {
                case AFD -> call = afd(event, survey.listened);
                case SOCKETS -> call = sockets(event, survey.listened);
                default -> call = tcpip(event);
            }
            if (call) {
                traced++;
                if (out.jsonLines() > lines) {
                    imported++;
                } else {
                    commented++;
                }
            }
        }

        private void needsHost(Object expect) {
            if (!hostGiven && "STATUS_INVALID_ADDRESS_COMPONENT".equals(expect)) {
                needHost++;
                out.comment("  INVALID_ADDRESS_COMPONENT: the replay needs the machine's addresses (import --host ADDR[,ADDR...])");
            }
        }

        // ------------------------------------------------------------ Winsock-AFD

        private boolean afd(EtwEvent event, Set<String> listened) throws ImportException {
            if (event.id() != 1000 && event.id() != 1001 && event.id() != 1030 && event.id() != 1035) {
                return false; // listen (1037) only sets a category; send, receive, connect, ...: not WSK sharing calls
            }
            if (enterExit(event) == 0) {
                return false; // "the start of a Winsock request": the completion record carries the outcome
            }
            String key = afdKey(event);
            Object status = StatusNames.ntStatus((int) number(event, "Status"));
            switch (event.id()) {
                case 1000 -> create(event, key, (int) number(event, "AddressFamily"), (int) number(event, "SocketType"),
                        processId(event), listened, Optional.of(status),
                        "AfdCreateOpen, Endpoint " + Text.safe(event.data().get("Endpoint")));
                case 1001 -> close(event, key, status, "AfdCloseClosed");
                case 1030 -> bind(event, key, sockaddr(event, "Address"), status, "AfdBindWithAddressConnected");
                default -> {
                    long option = number(event, "Option");
                    // [emulator choice] AfdOption's Option is read as a SOL_SOCKET option code; the manifest does
                    // not say which numbering AFD uses, so any other value is reported, never guessed.
                    String name = option == SO_REUSEADDR ? "SO_REUSEADDR"
                            : (int) option == SO_EXCLUSIVEADDRUSE ? "SO_EXCLUSIVEADDRUSE" : null;
                    set(event, key, name, "Option " + Text.safe(field(event, "Option")), number(event, "Value"), 4, status,
                            "AfdOption");
                }
            }
            return true;
        }


        // ------------------------------------------------------------ Winsock-Sockets

        private boolean sockets(EtwEvent event, Set<String> listened) throws ImportException {
            if (event.id() != 2 && event.id() != 4 && event.id() != 8 && event.id() != 12) {
                return false; // starts (odd ids), listen (16) only sets a category, connect, accept: not sharing calls
            }
            String key = socketsKey(event);
            Object error = StatusNames.winsock((int) number(event, "ErrorCode"));
            switch (event.id()) {
                case 2 -> create(event, key, (int) number(event, "AddressFamily"), (int) number(event, "SocketType"),
                        processId(event), listened, Optional.of(error),
                        "SockCreateStop, Socket " + Text.safe(event.data().get("Socket")));
                case 4 -> close(event, key, error, "SockCloseStop");
                case 12 -> bind(event, key, sockaddr(event, "Address"), error, "SockBindStop");
                default -> {
                    int level = (int) number(event, "Level");
                    int optName = (int) number(event, "OptName");
                    int optLen = (int) number(event, "OptLen");
                    byte[] value = binary(event, "OptVal");
                    String name = level == SOL_SOCKET && optName == SO_REUSEADDR ? "SO_REUSEADDR"
                            : level == SOL_SOCKET && optName == SO_EXCLUSIVEADDRUSE ? "SO_EXCLUSIVEADDRUSE"
                            : level == IPPROTO_IPV6 && optName == IPV6_V6ONLY ? "IPV6_V6ONLY" : null;
                    // The value as Windows reads it: the first min(OptLen, 4) bytes, little-endian (SPEC.md 7).
                    long v = 0;
                    for (int i = Math.min(Math.min(optLen, 4), value.length) - 1; i >= 0; i--) {
                        v = v << 8 | (value[i] & 0xFF);
                    }
                    set(event, key, name, "Level " + level + " OptName " + optName, (int) v, optLen, error, "SockSetOptStop");
                }
            }
            return true;
        }


        // ------------------------------------------------------------ TCPIP

        /**
         * The TCPIP provider, joined on Endpoint: TcpEndpointCreation (1001) and UdpCreateEndpointComplete
         * (1391) create, the bind events (TCP 1008 complete, 1006 port failure; UDP 1396 complete, 1394 port
         * failure) bind, TcpCloseEndpoint (1009) and the UDP closes (1397 bound, 1398 unbound) close, and
         * TcpipSetSockOpt (1544, Windows 11) sets an option, each on the socket of its Endpoint.
         */
        private boolean tcpip(EtwEvent event) throws ImportException {
            switch (event.id()) {
                case 1001 -> {
                    if (survey.tcpWithoutEndpoint) {
                        out.comment(event.describe() + " (TcpEndpointCreation): not imported: this capture's TCP bind events"
                                + " name no Endpoint (the Windows 10 manifest), so the bind events make the sockets");
                        return true;
                    }
                    String key = "tcpip-" + pointer(event, "Endpoint");
                    int family = (int) number(event, "AddressFamily");
                    int pid = (int) number(event, "Pid");
                    createTcpip(event, key, family, SOCK_STREAM, pid, number(event, "Status"),
                            "TcpEndpointCreation, Endpoint " + Text.safe(field(event, "Endpoint")));
                }
                case 1391 -> {
                    String key = "tcpip-" + pointer(event, "Endpoint");
                    createTcpip(event, key, (int) number(event, "AddressFamily"), SOCK_DGRAM, processId(event),
                            number(event, "Status"), "UdpCreateEndpointComplete, Endpoint " + Text.safe(field(event, "Endpoint")));
                }
                case 1006, 1008, 1394, 1396 -> {
                    String what = switch (event.id()) {
                        case 1006 -> "TcpBindEndpointPortFailure";
                        case 1008 -> "TcpBindEndpointComplete";
                        case 1394 -> "UdpBindEndpointPortFailure";
                        default -> "UdpBindEndpointComplete";
                    };
                    Object status = StatusNames.ntStatus((int) number(event, "Status"));
                    if (event.data().containsKey("Endpoint")) {
                        bind(event, "tcpip-" + pointer(event, "Endpoint"), sockaddr(event, "LocalAddress"), status, what);
                    } else {
                        tcpBindWithoutEndpoint(event, what);
                    }
                }
                case 1009, 1397, 1398 -> {
                    String what = event.id() == 1009 ? "TcpCloseEndpoint"
                            : event.id() == 1397 ? "UdpCloseEndpointBound" : "UdpCloseEndpointUnBound";
                    Object status = StatusNames.ntStatus((int) number(event, "Status"));
                    if (event.data().containsKey("Endpoint")) {
                        close(event, "tcpip-" + pointer(event, "Endpoint"), status, what);
                    } else {
                        tcpCloseWithoutEndpoint(event);
                    }
                }
                case 1544 -> {
                    String key = "tcpip-" + pointer(event, "Endpoint");
                    int level = (int) number(event, "Level");
                    int name = (int) number(event, "Name");
                    int length = (int) number(event, "Length");
                    String option = level == SOL_SOCKET && name == SO_REUSEADDR ? "SO_REUSEADDR"
                            : level == SOL_SOCKET && name == SO_EXCLUSIVEADDRUSE ? "SO_EXCLUSIVEADDRUSE"
                            : level == IPPROTO_IPV6 && name == IPV6_V6ONLY ? "IPV6_V6ONLY" : null;
                    setWithoutStatus(event, key, option, "Level " + level + " Name " + name, number(event, "Value"), length,
                            "TcpipSetSockOpt");
                }
                case 1169, 1170 -> {
                    out.comment(event.describe() + " (UDP endpoint " + Text.safe(String.valueOf(event.data().get("Endpoint")))
                            + " sent or received): not a sharing call");
                    return false;
                }
                default -> {
                    return false; // connections, data transfer, interfaces: not sharing calls
                }
            }
            return true;
        }

        private void createTcpip(EtwEvent event, String key, int family, int type, int pid, long status, String what) {
            // [emulator choice] TCPIP does not say whether a TCP endpoint listens: every TCP endpoint is a listen
            // socket (both categories are TCP, SPEC.md 2: no sharing decision depends on it).
            create(event, key, family, type, pid, Set.of(), Optional.of(StatusNames.ntStatus((int) status)), what);
        }

        /** A Windows 10 TCP bind event, which names no endpoint: a new socket bound with no option. */
        private void tcpBindWithoutEndpoint(EtwEvent event, String what) throws ImportException {
            TransportAddress address = sockaddr(event, "LocalAddress")
                    .orElseThrow(() -> ImportException.at(file, event.line(), "LocalAddress is not an IPv4 or IPv6 address"));
            int pid = event.pid().orElseThrow(() -> ImportException.at(file, event.line(),
                    "the event has no Execution ProcessID"));
            String key = "tcpip-" + (++tcpipSockets);
            out.process(pid, "Execution ProcessID", recordedUser(event));
            out.comment(event.describe() + " (" + what + ", LocalAddress " + address + ")");
            out.comment("  [emulator choice] this bind event names no Endpoint (the Windows 10 manifest): it is a new TCP"
                    + " listen socket, bound with no option");
            String label = labels.open(key);
            out.comment("  the socket line has no expect: the capture records no creation for it");
            out.socket(label, "listen", family(address), pid, Optional.empty());
            int status = (int) number(event, "Status");
            Object expect = StatusNames.ntStatus(status);
            needsHost(expect);
            out.bind(label, address, Optional.empty(), Optional.of(expect));
            if (status == 0) {
                boundAt.computeIfAbsent(address.toString(), a -> new ArrayList<>()).add(label);
            }
        }

        private void tcpCloseWithoutEndpoint(EtwEvent event) throws ImportException {
            TransportAddress address = sockaddr(event, "LocalAddress")
                    .orElseThrow(() -> ImportException.at(file, event.line(), "LocalAddress is not an IPv4 or IPv6 address"));
            List<String> bound = boundAt.getOrDefault(address.toString(), List.of());
            out.comment(event.describe() + " (TcpCloseEndpoint, LocalAddress " + address + ")");
            if (bound.isEmpty()) {
                out.comment("  not imported: no socket of this capture is bound to " + address);
                return;
            }
            String label = bound.remove(bound.size() - 1);
            out.comment("  no Endpoint: closes the socket most recently bound to that address [emulator choice]");
            out.close(label, Optional.of(StatusNames.ntStatus((int) number(event, "Status"))));
        }

        private void setWithoutStatus(EtwEvent event, String key, String option, String raw, long value, int length,
                                      String what) {
            Optional<String> label = labels.live(key);
            out.comment(event.describe() + " (" + what + ", " + raw + ", Length " + length + ", Value " + value + ")");
            if (label.isEmpty()) {
                out.comment("  not imported: the capture does not show this endpoint's creation (or it is closed)");
                return;
            }
            if (option == null) {
                out.comment("  not imported: not an option wskemu models (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, IPV6_V6ONLY)");
                return;
            }
            out.comment("  the event carries no status: no expect");
            out.set(label.get(), option, value, length, Optional.empty());
        }

        // ------------------------------------------------------------ common

        private void create(EtwEvent event, String key, int family, int type, int pid, Set<String> listened,
                            Optional<Object> expect, String what) {
            boolean modelled = (family == AF_INET || family == AF_INET6) && (type == SOCK_STREAM || type == SOCK_DGRAM);
            if (!modelled) {
                out.comment(event.describe() + " (" + what + ")");
                out.comment("  family " + family + ", type " + type + " is not modelled by wskemu; this socket's calls are skipped");
                labels.close(key);
                families.remove(key);
                return;
            }
            out.process(pid, "ProcessId of the creation event", recordedUser(event));
            String label = labels.open(key);
            families.put(key, family == AF_INET ? "inet" : "inet6");
            String category;
            String why;
            if (type == SOCK_DGRAM) {
                category = "datagram";
                why = "SOCK_DGRAM";
            } else if (layer.equals(TCPIP)) {
                category = "listen";
                why = "a TCP endpoint; TCPIP does not say whether it listens, and both categories are TCP [emulator choice]";
            } else if (listened.contains(key + "@" + event.line())) {
                category = "listen";
                why = "SOCK_STREAM, and the capture shows a listen on it";
            } else {
                // [emulator choice] as for Wine traces: both categories are TCP, so no decision depends on it.
                category = "connection";
                why = "SOCK_STREAM, never listened on in the capture [emulator choice]";
            }
            out.comment(event.describe() + " (" + what + ")");
            out.comment("  category " + category + ": " + why);
            boolean failed = expect.map(e -> !e.equals("STATUS_SUCCESS") && !e.equals("NO_ERROR")).orElse(false);
            if (failed) {
                out.comment("  the creation failed: later calls naming this handle are not this socket's");
            }
            out.socket(label, category, families.get(key), pid, expect);
            if (failed) {
                labels.close(key);
                families.remove(key);
            }
        }

        private void close(EtwEvent event, String key, Object expect, String what) {
            Optional<String> label = labels.live(key);
            out.comment(event.describe() + " (" + what + ")");
            if (label.isEmpty()) {
                out.comment("  not imported: the capture does not show this socket's creation (or it is closed)");
                return;
            }
            out.close(label.get(), Optional.of(expect));
            labels.close(key);
            families.remove(key);
        }

        private void bind(EtwEvent event, String key, Optional<TransportAddress> address, Object expect, String what) {
            Optional<String> label = labels.live(key);
            out.comment(event.describe() + " (" + what + address.map(a -> ", Address " + a).orElse("") + ")");
            if (label.isEmpty()) {
                out.comment("  not imported: the capture does not show this socket's creation (or it is closed)");
                return;
            }
            if (address.isEmpty()) {
                out.comment("  not imported: an address family wskemu does not model");
                return;
            }
            needsHost(expect);
            out.bind(label.get(), address.get(), Optional.empty(), Optional.of(expect));
        }

        private void set(EtwEvent event, String key, String option, String raw, long value, int inputSize, Object expect,
                         String what) {
            Optional<String> label = labels.live(key);
            out.comment(event.describe() + " (" + what + ", " + raw + ", value " + value + ")");
            if (label.isEmpty()) {
                out.comment("  not imported: the capture does not show this socket's creation (or it is closed)");
                return;
            }
            if (option == null) {
                out.comment("  not imported: not an option wskemu models (SO_REUSEADDR, SO_EXCLUSIVEADDRUSE, IPV6_V6ONLY)");
                return;
            }
            out.set(label.get(), option, value, inputSize, Optional.of(expect));
        }

        private Optional<Sid> recordedUser(EtwEvent event) {
            // A malformed UserID is not the user: the stated default applies, and the comment says so.
            return event.user().flatMap(text -> {
                try {
                    return Optional.of(Sid.parse(text));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            });
        }

        private static String family(TransportAddress address) {
            return address.family().name().toLowerCase(Locale.ROOT);
        }

        // ------------------------------------------------------------ field readers (the capture's file names errors)

        private String field(EtwEvent event, String name) throws ImportException {
            return TracerptXmlImporter.field(file, event, name);
        }

        private long number(EtwEvent event, String name) throws ImportException {
            return TracerptXmlImporter.number(file, event, name);
        }

        private int processId(EtwEvent event) throws ImportException {
            return TracerptXmlImporter.processId(file, event);
        }

        private String pointer(EtwEvent event, String name) throws ImportException {
            return TracerptXmlImporter.pointer(file, event, name);
        }

        private byte[] binary(EtwEvent event, String name) throws ImportException {
            return TracerptXmlImporter.binary(file, event, name);
        }

        private Optional<TransportAddress> sockaddr(EtwEvent event, String name) throws ImportException {
            return TracerptXmlImporter.sockaddr(file, event, name);
        }

        private String afdKey(EtwEvent event) throws ImportException {
            return TracerptXmlImporter.afdKey(file, event);
        }

        private String socketsKey(EtwEvent event) throws ImportException {
            return TracerptXmlImporter.socketsKey(file, event);
        }
    }

    // ---------------------------------------------------------------- field readers

    private static String field(String file, EtwEvent event, String name) throws ImportException {
        String value = event.data().get(name);
        if (value == null) {
            throw ImportException.at(file, event.line(), "event " + event.id() + " of " + Text.safe(event.provider())
                    + " has no Data Name=\"" + name + "\"");
        }
        return value;
    }

    /** A number as tracerpt renders it: decimal (UInt32, Int32) or {@code 0x...} hex (HexInt32, Pointer). */
    private static long number(String file, EtwEvent event, String name) throws ImportException {
        String text = field(file, event, name);
        try {
            if (text.regionMatches(true, 0, "0x", 0, 2)) {
                if (text.length() > 18) {
                    throw new NumberFormatException();
                }
                return Long.parseUnsignedLong(text.substring(2), 16);
            }
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ImportException.at(file, event.line(), name + " '" + Text.safe(text) + "' is not a number");
        }
    }

    /** The creation event's ProcessId field, a process id the session format can hold. */
    private static int processId(String file, EtwEvent event) throws ImportException {
        long pid = number(file, event, "ProcessId");
        if (pid < 0 || pid > Integer.MAX_VALUE) {
            throw ImportException.at(file, event.line(), "ProcessId " + Text.safe(field(file, event, "ProcessId"))
                    + " is not a process id");
        }
        return (int) pid;
    }

    /** A pointer or handle, normalised: lower-case hex without leading zeros. */
    private static String pointer(String file, EtwEvent event, String name) throws ImportException {
        return Long.toHexString(number(file, event, name));
    }

    /** Binary data as tracerpt renders it: hex digits, optionally after {@code 0x}. */
    private static byte[] binary(String file, EtwEvent event, String name) throws ImportException {
        String text = field(file, event, name);
        String hex = text.regionMatches(true, 0, "0x", 0, 2) ? text.substring(2) : text;
        if (hex.length() % 2 != 0 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 0x80)) {
            throw ImportException.at(file, event.line(), name + " '" + Text.safe(text) + "' is not hex binary data");
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }

    /**
     * A SOCKADDR (ws2def.h): family (little-endian u16), port (network order u16), then for AF_INET the
     * address (4 bytes) and for AF_INET6 flow info (4), address (16), scope id (4). Another family is empty.
     */
    private static Optional<TransportAddress> sockaddr(String file, EtwEvent event, String name) throws ImportException {
        byte[] b = binary(file, event, name);
        if (b.length < 2) {
            throw ImportException.at(file, event.line(), name + " is too short for a SOCKADDR");
        }
        int family = (b[0] & 0xFF) | (b[1] & 0xFF) << 8;
        if (family != AF_INET && family != AF_INET6) {
            return Optional.empty();
        }
        int need = family == AF_INET ? 8 : 24;
        if (b.length < need) {
            throw ImportException.at(file, event.line(), name + " is too short for a "
                    + (family == AF_INET ? "SOCKADDR_IN" : "SOCKADDR_IN6") + " (" + b.length + " bytes)");
        }
        int port = (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
        String text;
        if (family == AF_INET) {
            text = (b[4] & 0xFF) + "." + (b[5] & 0xFF) + "." + (b[6] & 0xFF) + "." + (b[7] & 0xFF) + ":" + port;
        } else {
            StringBuilder host = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                if (i > 0) {
                    host.append(':');
                }
                host.append(Integer.toHexString((b[8 + 2 * i] & 0xFF) << 8 | (b[9 + 2 * i] & 0xFF)));
            }
            text = "[" + host + "]:" + port;
        }
        return Optional.of(TransportAddress.parse(text));
    }

    private static String afdKey(String file, EtwEvent event) throws ImportException {
        return "afd-" + pointer(file, event, "Endpoint");
    }

    private static String socketsKey(String file, EtwEvent event) throws ImportException {
        int pid = event.pid().orElseThrow(() -> ImportException.at(file, event.line(),
                "the event has no Execution ProcessID: a socket handle needs its process"));
        return pid + ":" + pointer(file, event, "Socket");
    }

    private static int enterExit(EtwEvent event) {
        String value = event.data().get("EnterExit");
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
