/// The database schema, as numbered migrations applied in order and never edited once released.
enum Migrations {
    /// 'CVAS': marks a SQLite file as a Canvass database (PRAGMA application_id).
    static let applicationID: Int32 = 0x4356_4153

    static let all: [String] = [
        // 1: questionnaires, interviews, answers
        """
        CREATE TABLE database_info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE questionnaire_version (
            id INTEGER PRIMARY KEY,
            questionnaire TEXT NOT NULL,
            version TEXT NOT NULL,
            hash TEXT NOT NULL,
            format TEXT NOT NULL CHECK (format IN ('yaml', 'json')),
            source TEXT NOT NULL,
            added_at TEXT NOT NULL,
            UNIQUE (questionnaire, version)
        );
        CREATE TABLE interview (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            questionnaire_version_id INTEGER NOT NULL REFERENCES questionnaire_version(id),
            respondent TEXT NOT NULL,
            interviewer TEXT NOT NULL,
            language TEXT,
            status TEXT NOT NULL CHECK (status IN ('open', 'completed')),
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            completed_at TEXT
        );
        CREATE INDEX interview_by_version ON interview (questionnaire_version_id, status);
        CREATE TABLE answer (
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            question TEXT NOT NULL,
            value TEXT,
            special TEXT CHECK (special IN ('dk', 'rf', 'skip')),
            answered_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, question),
            CHECK ((value IS NULL) <> (special IS NULL))
        ) WITHOUT ROWID;
        """,
        // 2: merging databases from several laptops; the audit trail of changes made after the fact
        """
        CREATE TABLE merge_base (
            peer TEXT NOT NULL,
            interview_key TEXT NOT NULL,
            hash TEXT NOT NULL,
            PRIMARY KEY (peer, interview_key)
        ) WITHOUT ROWID;
        CREATE TABLE merge_conflict (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            peer TEXT NOT NULL,
            theirs TEXT NOT NULL,
            theirs_hash TEXT NOT NULL,
            detected_at TEXT NOT NULL,
            UNIQUE (interview_id, peer)
        );
        CREATE TABLE audit_event (
            id INTEGER PRIMARY KEY,
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            kind TEXT NOT NULL,
            question TEXT,
            old_value TEXT,
            new_value TEXT,
            actor TEXT,
            reason TEXT,
            at TEXT NOT NULL
        );
        CREATE INDEX audit_by_interview ON audit_event (interview_id, id);
        """,
        // 3: paradata: seconds from showing a question to accepting its answer
        """
        ALTER TABLE answer ADD COLUMN seconds REAL;
        """,
        // 4: revision histories (see docs/revisions.md): every committed change is a revision; `content` holds the
        // interview (JSON) of a leaf that is not the one shown, i.e. the other side of a conflict
        """
        CREATE TABLE revision (
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            rev TEXT NOT NULL,
            parents TEXT NOT NULL,
            content TEXT,
            PRIMARY KEY (interview_id, rev)
        ) WITHOUT ROWID;
        ALTER TABLE interview ADD COLUMN rev TEXT NOT NULL DEFAULT '';
        """,
        // 5: the export log (as REDCap logs data exports): who exported, when, the command (its files and whether
        // identifiers were included) and which interviews it held. Kept in this database only: merges do not carry it.
        """
        CREATE TABLE export_log (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT,
            command TEXT NOT NULL,
            identifiers INTEGER NOT NULL CHECK (identifiers IN (0, 1))
        );
        CREATE TABLE export_interview (
            interview_id INTEGER NOT NULL REFERENCES interview(id),
            export_id INTEGER NOT NULL REFERENCES export_log(id),
            PRIMARY KEY (interview_id, export_id)
        ) WITHOUT ROWID;
        """,
    ]
}
