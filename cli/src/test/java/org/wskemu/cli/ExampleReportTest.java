package org.wskemu.cli;

import org.wskemu.engine.SessionRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.wskemu.engine.session.SessionFile;
import org.wskemu.engine.WskEmulator;
import org.wskemu.persistence.H2Storage;
import org.wskemu.persistence.StoreLocation;

/**
 * {@code examples/quickstart-report.html} is the report of the quickstart run on a fresh
 * {@code --store mem}, byte for byte, so the sample an auditor opens is what this build writes.
 * When the report changes on purpose, write it again with
 * {@code mvn -B -o -pl cli -am test -Dtest=ExampleReportTest -Dsurefire.failIfNoSpecifiedTests=false -Dwskemu.writeExamples=true}.
 */
class ExampleReportTest {

    static final Path SAMPLE = Cli.EXAMPLES.resolve("quickstart-report.html");

    /**
     * The quickstart's report, run on a fresh in-memory store under the default profile, as
     * {@code --store mem} opens it but for socket handles counted from 0x1001 instead of drawn at
     * random, so that the sample does not change from one build to the next.
     */
    static String quickstartReport() throws IOException {
        GlobalOptions global = new GlobalOptions();
        global.store = "mem";
        AtomicLong handles = new AtomicLong(0x1000);
        try (WskEmulator kernel = WskEmulator.builder().profile(global.profile)
                .storage(H2Storage.open(StoreLocation.parse(global.store))).socketIds(handles::incrementAndGet).build()) {
            // the source as a user at the repository root names it, whatever the tests' directory
            kernel.sessions().run(SessionRunner.Run.of("examples/quickstart.wsk.jsonl", SessionFile.read(Cli.QUICKSTART).calls()));
            StringWriter page = new StringWriter();
            ReportReader.write(kernel.readModels(), kernel.log(), Machine.describe(global), null, page);
            return page.toString();
        }
    }

    @Test
    void sampleIsTheQuickstartReportOfThisBuild() throws IOException {
        String fresh = quickstartReport();
        if (Boolean.getBoolean("wskemu.writeExamples")) {
            Files.writeString(SAMPLE, fresh, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(SAMPLE), SAMPLE + " is missing");
        assertEquals(fresh, Files.readString(SAMPLE, StandardCharsets.UTF_8),
                SAMPLE + " is not what this build writes; write it again with -Dwskemu.writeExamples=true "
                        + "(see this test's Javadoc)");
    }

    @Test
    void reportIsTheSameBytesEachTime() throws IOException {
        assertEquals(quickstartReport(), quickstartReport());
    }
}
