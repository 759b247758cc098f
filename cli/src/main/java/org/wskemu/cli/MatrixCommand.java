package org.wskemu.cli;

import java.util.concurrent.Callable;
import org.wskemu.engine.sharing.SharingMatrix;
import org.wskemu.engine.sharing.SharingProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code wskemu matrix}: the 6x6 sharing table of a profile, decided live by the bind arbiter. */
@Command(name = "matrix", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the 6x6 sharing table of the profile as the engine decides it; "
                + "CHECK cells show the result when the first socket's descriptor grants / refuses.")
final class MatrixCommand implements Callable<Integer> {

    @ParentCommand
    Wskemu parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SharingMatrix.render(SharingProfile.of(parent.global.profile)));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
