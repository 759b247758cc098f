package org.wskemu.api.irp;

/**
 * The IoCompletion routine of an IRP: called exactly once, on the thread that completes it,
 * after IoStatus and the result are set. A routine should not call new WSK functions (WDK "Using
 * IRPs with Winsock Kernel Functions"); an exception it throws is the caller's bug and is
 * propagated to the completing thread's uncaught-exception handling, never swallowed.
 */
@FunctionalInterface
public interface CompletionRoutine {

    /**
     * Called once the IRP has completed.
     *
     * @param irp the completed IRP: its {@link Irp#completion()} is present
     */
    void completed(Irp irp);
}
