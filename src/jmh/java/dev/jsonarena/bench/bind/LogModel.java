package dev.jsonarena.bench.bind;

import java.util.List;

/** A log record of {@link dev.jsonarena.bench.ingest.LogBatch} as a record, the same for every binder compared. */
public final class LogModel {
    private LogModel() {}

    /** One log record; absent attributes are null. */
    public record LogRecord(String ts, String level, String logger, String msg, Integer status, Double latencyMs,
            Boolean cached, String trace, LogUser user, List<String> tags) {}

    /** The user attribute. */
    public record LogUser(int id, String plan) {}
}
