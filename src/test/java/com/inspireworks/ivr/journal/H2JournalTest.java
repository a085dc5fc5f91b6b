package com.inspireworks.ivr.journal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The journal's contract on the embedded default: H2 in a folder of its own. */
class H2JournalTest extends JournalContractTest {

    @TempDir
    Path folder;
    private int generation;

    @Override
    JournalDatabase newDatabase() {
        generation++;
        return TestDatabases.h2Database(folder.resolve("db" + generation));
    }

    @Override
    JournalDatabase reopenDatabase() {
        return TestDatabases.h2Database(folder.resolve("db" + generation));
    }
}
