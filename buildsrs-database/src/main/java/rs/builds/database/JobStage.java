package rs.builds.database;

import java.util.Locale;

/** Stages of a job, in the only order a job moves through them. */
public enum JobStage {
    /** Claimed, preparing. */
    INIT,
    /** Fetching the crate. */
    FETCH,
    /** Building. */
    BUILD,
    /** Uploading artifacts. */
    UPLOAD;

    /** {@return the stage's name as stored, e.g. {@code "fetch"}} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * {@return the stage}
     *
     * @param label a stage name as stored, e.g. {@code "fetch"}
     * @throws InvalidInputException listing the stages if there is no such stage
     */
    public static JobStage ofLabel(String label) {
        for (JobStage stage : values()) {
            if (stage.label().equals(label)) {
                return stage;
            }
        }
        throw new InvalidInputException("unknown job stage '" + label + "'; stages are init, fetch, build, upload");
    }
}
