package org.wskemu.recording;

import java.io.InputStream;

final class TracerptXmlImporter implements Importer {
    @Override
    public Format format() {
        return Format.TRACERPT_XML;
    }

    @Override
    public ImportedSession read(String displayName, InputStream in, ImportOptions options) throws ImportException {
        throw ImportException.of(displayName, "not yet");
    }
}
