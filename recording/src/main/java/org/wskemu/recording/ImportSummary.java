package org.wskemu.recording;

/**
 * What an import did, for the one summary line {@code wskemu import} prints on standard error.
 *
 * @param tracedCalls     calls the recording shows (each socket creation, option set or get, bind, close;
 *                        a listen, which only gives a socket its category, is not counted)
 * @param importedCalls   of those, the calls written as session lines
 * @param commentedCalls  of those, the calls the importer could not express, written only as a comment with
 *                        their record ({@code tracedCalls = importedCalls + commentedCalls})
 * @param assumedValues   option sets whose value the recording does not show, written with a value assumed
 *                        non-zero (each said so in its comment)
 * @param needHost        INVALID_ADDRESS_COMPONENT expectations imported without {@code --host}: their replay needs
 *                        the machine's addresses
 * @param sessionLines    JSON lines written (declarations and calls)
 * @param commentLines    comment lines written
 */
public record ImportSummary(long tracedCalls, long importedCalls, long commentedCalls, long assumedValues,
                            long needHost, long sessionLines, long commentLines) {

    /** The summary as one line. */
    public String describe() {
        StringBuilder text = new StringBuilder("import: ").append(tracedCalls).append(" traced calls: ")
                .append(importedCalls).append(" imported as session lines, ")
                .append(commentedCalls).append(" kept only as comments (not expressible); wrote ")
                .append(sessionLines).append(" session lines and ").append(commentLines).append(" comment lines");
        if (assumedValues > 0) {
            text.append("; ").append(assumedValues)
                    .append(" option value(s) the trace does not show (optlen over 4) assumed non-zero");
        }
        if (needHost > 0) {
            text.append("; ").append(needHost)
                    .append(" INVALID_ADDRESS_COMPONENT expectation(s) need the machine's addresses: import with --host ADDR[,ADDR...]");
        }
        return text.toString();
    }
}
