package com.inspireworks.ivr.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the first column of every row a query returns, comma-separated, for shell scripts that check what the call
 * journal stored (deploy/smoke). Needs no database client installed. With EXPECTED, asks again every 200 ms until the
 * answer is EXPECTED or SECONDS (default 20) have passed (the journal writes steps behind), and prints the last one.
 *
 * <pre>java -cp ... com.inspireworks.ivr.support.SqlQuery JDBC_URL USER PASSWORD SQL [EXPECTED [SECONDS]]</pre>
 */
public final class SqlQuery {

    private SqlQuery() {
    }

    public static void main(String[] args) throws Exception {
        String expected = args.length > 4 ? args[4] : null;
        long deadline = System.nanoTime() + (args.length > 5 ? Long.parseLong(args[5]) : 20) * 1_000_000_000L;
        try (Connection connection = DriverManager.getConnection(args[0], args[1], args[2])) {
            String answer = query(connection, args[3]);
            while (expected != null && !expected.equals(answer) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                answer = query(connection, args[3]);
            }
            System.out.println(answer);
        }
    }

    private static String query(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(String.valueOf(rows.getString(1)));
            }
            return String.join(",", values);
        }
    }
}
