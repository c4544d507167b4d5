-- The outbox: every outgoing post or reply is written here (synchronous=FULL) before any network
-- call. The idempotency key is chosen by us and sent with every attempt (Mastodon's
-- Idempotency-Key, Bluesky's record key), so a retry after a crash or a cut connection can never
-- publish twice.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,                  -- stable id
  account_id TEXT NOT NULL,
  network TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  text TEXT NOT NULL,
  in_reply_to TEXT,                     -- stable id of the post answered, if any
  state TEXT NOT NULL,                  -- queued | sending | sent | failed
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before INTEGER NOT NULL DEFAULT 0, -- back-off: not sent again before this time
  last_error TEXT,
  remote_id TEXT,
  remote_url TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX outbox_by_account_state ON outbox(account_id, state, created_at);
