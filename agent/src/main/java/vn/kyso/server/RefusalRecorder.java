package vn.kyso.server;

/**
 * Where the bridge reports refusals worth keeping (requests from another OS user, already folded by
 * {@link PeerRefusals}): the agent's entry point writes them to the audit log, which the transport layer does not
 * reach itself.
 */
@FunctionalInterface
public interface RefusalRecorder {

    /** Records nothing: refusals are only counted in the agent's log. */
    RefusalRecorder NONE = (origin, operation, result) -> { };

    /**
     * @param origin    who was refused, as far as known (a claimed origin is marked as such)
     * @param operation what was refused, with the number of refusals folded into this record
     * @param result    the error code
     */
    void record(String origin, String operation, String result);
}
