package org.wskemu.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Wskemu.class.getPackage().getImplementationVersion();
        return new String[] {"wskemu " + (version != null ? version : "(development build)")};
    }
}
