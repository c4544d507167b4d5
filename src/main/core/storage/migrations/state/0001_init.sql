-- The durable store (earshot.db, synchronous=FULL): what the user set up or decided.
-- Cache data (posts, authors, search index) lives in cache.db.

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL                -- JSON
) STRICT;

CREATE TABLE decks (
  id TEXT PRIMARY KEY,               -- stable id
  position INTEGER NOT NULL,
  layout_version INTEGER NOT NULL,   -- DECK_LAYOUT_VERSION the layout was written with
  layout TEXT NOT NULL,              -- JSON Deck
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sources (
  id TEXT PRIMARY KEY,               -- stable id
  network TEXT NOT NULL,
  name TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  demo INTEGER NOT NULL DEFAULT 0,
  config TEXT NOT NULL DEFAULT '{}', -- JSON, never secrets
  created_at INTEGER NOT NULL
) STRICT;

-- Per-source sync position and health; the cursor is what makes sync resumable.
CREATE TABLE sync_state (
  source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  cursor TEXT,
  last_sync_at INTEGER,
  next_sync_at INTEGER,
  last_error TEXT,
  status TEXT NOT NULL DEFAULT 'ok'
) STRICT;
