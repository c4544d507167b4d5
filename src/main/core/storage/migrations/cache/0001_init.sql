-- The cache store (cache.db, synchronous=NORMAL): posts and authors as the networks gave them.
-- Rebuildable from the networks, so a lost last transaction on power failure is acceptable.

CREATE TABLE authors (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,          -- stable id: network:remote id
  network TEXT NOT NULL,
  handle TEXT NOT NULL,
  display_name TEXT NOT NULL,
  followers INTEGER NOT NULL DEFAULT 0,
  avatar_url TEXT,
  url TEXT
) STRICT;

-- The rowid (id) is the local ingest sequence: "what arrived since" queries range over it.
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,          -- stable id: network:remote id
  source_id TEXT NOT NULL,
  network TEXT NOT NULL,
  remote_id TEXT NOT NULL,
  url TEXT,
  author_id INTEGER NOT NULL REFERENCES authors(id),
  text TEXT NOT NULL,
  html TEXT,
  language TEXT,
  created_at INTEGER NOT NULL,
  edited_at INTEGER,
  reply_to TEXT,
  likes INTEGER NOT NULL DEFAULT 0,
  reposts INTEGER NOT NULL DEFAULT 0,
  replies INTEGER NOT NULL DEFAULT 0
) STRICT;

-- One index per column query shape; each is read newest-first and stopped at LIMIT.
CREATE INDEX posts_by_time ON posts(created_at);
CREATE INDEX posts_by_network_time ON posts(network, created_at);
CREATE INDEX posts_by_source_time ON posts(source_id, created_at);
CREATE INDEX posts_by_author ON posts(author_id);

-- Contentless full-text index over post text and author names; rows are joined back by rowid.
-- remove_diacritics 2 makes Müller, muller and MÜLLER the same word.
CREATE VIRTUAL TABLE posts_fts USING fts5(
  text,
  author,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 2'
);
