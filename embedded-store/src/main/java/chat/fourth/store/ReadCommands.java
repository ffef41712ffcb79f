package chat.fourth.store;

import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Commands known to change nothing, so they need no commit before their reply. The list
 * is deliberately closed: a command missing from it is treated as a write, which costs a
 * commit round but can never acknowledge an uncommitted change.
 */
final class ReadCommands {
    private static final Set<String> READS = Set.of(
            "find", "getmore", "count", "distinct", "explain",
            "listcollections", "listindexes", "listdatabases",
            "ping", "hello", "ismaster", "buildinfo", "serverstatus", "hostinfo",
            "getparameter", "getcmdlineopts", "getlog", "whatsmyuri", "connectionstatus",
            "dbstats", "collstats", "datasize", "currentop", "getlasterror",
            "killcursors", "endsessions", "saslstart", "saslcontinue", "features");

    private ReadCommands() {}

    static boolean isRead(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) return !writesOutput(query.get("pipeline"));
        return READS.contains(name);
    }

    /** `$out` and `$merge` can only be the last stage of a pipeline. */
    private static boolean writesOutput(Object pipeline) {
        if (!(pipeline instanceof List<?> stages) || stages.isEmpty()) return false;
        return stages.get(stages.size() - 1) instanceof Document last
                && (last.containsKey("$out") || last.containsKey("$merge"));
    }
}
