package org.wskemu.engine.command;

/**
 * A command to one aggregate of the emulated kernel. It names its target itself, so this module
 * needs no framework annotation.
 */
public interface KernelCommand {

    /** The single machine-wide aggregate: processes, threads, runs, misuse of unknown sockets. */
    String MACHINE = "machine";

    /** {@return the identifier of the aggregate that handles this command} */
    String targetId();
}
