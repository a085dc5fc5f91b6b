package com.inspireworks.ivr.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Counts what the journal stored, for bench/journal.sh: {@code journal_event} rows whose CallUUID starts with
 * PREFIX, and the calls they belong to.
 *
 * <pre>java -cp ... com.inspireworks.ivr.bench.CountRows JDBC_URL USER PREFIX [PASSWORD]</pre>
 * Prints {@code events=N}.
 */
public final class CountRows {

    private CountRows() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args.length > 3 ? args[3] : "");
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT COUNT(*) FROM journal_event WHERE call_uuid LIKE '"
                        + args[2].replace("'", "") + "-%'")) {
            row.next();
            System.out.println("events=" + row.getLong(1));
        }
    }
}
