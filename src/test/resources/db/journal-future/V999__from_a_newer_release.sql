-- Stands for a migration a newer release of the IVR applied (JournalContractTest: the older WAR must refuse).
CREATE TABLE journal_from_the_future (id INTEGER);
