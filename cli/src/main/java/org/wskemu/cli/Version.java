package org.wskemu.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the build's version and the commit it was built from, e.g.
 * {@code wskemu 0.1.0-SNAPSHOT (commit 4f5a5ab)}, {@code -dirty} when the checkout had uncommitted
 * changes. The build writes both into {@code git.properties} beside this class (the
 * git-commit-id-maven-plugin); a build outside a git checkout says {@code commit unknown}.
 */
final class Version implements IVersionProvider {

    static final String RESOURCE = "git.properties";

    @Override
    public String[] getVersion() {
        return new String[] {line()};
    }

    static String line() {
        Properties git = new Properties();
        try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                git.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String version = git.getProperty("git.build.version", Wskemu.class.getPackage().getImplementationVersion());
        String commit = git.getProperty("git.commit.id.abbrev", "");
        return "wskemu " + (version != null ? version : "(development build)") + " (commit "
                + (commit.isBlank() ? "unknown" : commit + ("true".equals(git.getProperty("git.dirty")) ? "-dirty" : ""))
                + ")";
    }
}
