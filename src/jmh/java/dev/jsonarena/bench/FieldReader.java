package dev.jsonarena.bench;

/**
 * The adapter {@link ParseFewFieldsBenchmark} drives: parse a document and read a few fields of
 * each record ({@link FewFields}). Implementations are made by {@link FieldReaderType#create}.
 *
 * <p>Thread-safety: not thread-safe; one instance per benchmark thread.
 */
public interface FieldReader {
    /**
     * Parses {@code json} and reads {@code fields} from it into {@code sink}; any memory the parse
     * took is released before returning.
     *
     * @param json the UTF-8 input
     * @param fields the query for this document
     * @param sink where the values go
     */
    void parseAndRead(byte[] json, FewFields fields, FieldSink sink);
}
