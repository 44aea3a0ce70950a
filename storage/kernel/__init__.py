"""What every feature's storage shares: engines, migrations, backups, the outbox, the inbox,
people and the audit log, programmes and ICSs, bulk inserts, erasure, row counts."""
