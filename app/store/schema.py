"""The store's schema as forward-only migrations; `user_version` is the index reached."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: punches, the outbox of mutations to sync, settings and the employee directory.
    """
    CREATE TABLE punches (
        id               TEXT PRIMARY KEY,          -- UUIDv7
        employee         TEXT NOT NULL,
        kind             TEXT NOT NULL CHECK (kind IN ('in', 'out', 'break-start', 'break-end')),
        at_utc           TEXT NOT NULL,             -- best estimate of the instant, ISO 8601 UTC
        zone             TEXT NOT NULL,             -- IANA zone of the device
        device_clock_utc TEXT NOT NULL,             -- what the device clock read
        clock_offset_ms  INTEGER,                   -- server minus device clock, when known
        source           TEXT NOT NULL DEFAULT 'desktop',
        note             TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX punches_by_employee_time ON punches (employee, at_utc, id);
    CREATE TABLE outbox (
        id          TEXT PRIMARY KEY,               -- mutation UUIDv7, sent to the server
        kind        TEXT NOT NULL,
        payload     TEXT NOT NULL,                  -- JSON
        created_utc TEXT NOT NULL,
        attempts    INTEGER NOT NULL DEFAULT 0,
        state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
        reason      TEXT
    );
    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );
    CREATE TABLE employees (
        number       TEXT PRIMARY KEY,
        display_name TEXT NOT NULL DEFAULT ''
    );
    """,
    # 2: the clock state follows the order punches were made (rowid), not the
    # device clock, which may step backwards; this index serves that lookup.
    """
    CREATE INDEX punches_by_employee_order ON punches (employee);
    """,
    # 3: sync. A punch learns its server sequence number once the server has it
    # (pushed from here, or pulled); events of other kinds wait in server_events
    # for the screens that read them (approvals, corrections).
    """
    ALTER TABLE punches ADD COLUMN server_seq INTEGER;
    CREATE TABLE server_events (
        seq          INTEGER PRIMARY KEY,           -- the tenant-wide sequence number
        id           TEXT NOT NULL UNIQUE,
        type         TEXT NOT NULL,
        employee     TEXT,
        payload      TEXT NOT NULL,                 -- JSON, as the server sent it
        recorded_utc TEXT NOT NULL
    );
    CREATE INDEX outbox_pending ON outbox (state, id);
    -- the outbox's kind column names the mutation type; the payload is sent as stored
    UPDATE outbox SET payload = json_remove(payload, '$.type');
    """,
    # 4: kiosks. The directory a kiosk pulls carries each employee's role, the
    # Argon2id verifier of their PIN and the hash of their badge; failed PIN
    # attempts are kept here so a lockout survives a restart.
    """
    ALTER TABLE employees ADD COLUMN role TEXT NOT NULL DEFAULT 'employee';
    ALTER TABLE employees ADD COLUMN pin_verifier TEXT;
    ALTER TABLE employees ADD COLUMN badge_hash TEXT;
    CREATE INDEX employees_by_badge ON employees (badge_hash) WHERE badge_hash IS NOT NULL;
    CREATE TABLE pin_failures (
        number           TEXT PRIMARY KEY,          -- as typed: unknown numbers count too
        failures         INTEGER NOT NULL,
        locked_until_utc TEXT
    );
    """,
    # 5: manager review. A pulled punch keeps when the server recorded it (an
    # offline kiosk punch arrives late); a directory entry its manager, so a
    # manager's device knows its team. Decisions and corrections wait in
    # server_events, found by employee.
    """
    ALTER TABLE punches ADD COLUMN recorded_utc TEXT;
    ALTER TABLE employees ADD COLUMN manager TEXT;
    CREATE INDEX server_events_by_employee ON server_events (employee, type);
    CREATE INDEX punches_by_time ON punches (at_utc);
    """,
    # 6: local retention. Synced rows older than the tenant's window leave the
    # device after each sync (Store.purge_synced): punches by at_utc (punches_by_time),
    # server events by when the server recorded them.
    """
    CREATE INDEX server_events_by_recorded ON server_events (recorded_utc);
    """,
)

LATEST = len(MIGRATIONS)
