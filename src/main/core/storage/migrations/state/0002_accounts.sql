-- Connected network accounts (Mastodon, Bluesky). Their secrets (access tokens, app passwords,
-- sessions) are never stored here: they live in the secret store (encrypted with the OS keyring
-- on the desktop, a user-only file for earshot serve), keyed by the account id.
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,               -- stable id
  network TEXT NOT NULL,
  remote_id TEXT NOT NULL,           -- the account's id on its network (Mastodon id, Bluesky DID)
  handle TEXT NOT NULL,
  display_name TEXT NOT NULL,
  service_url TEXT NOT NULL,         -- instance / PDS URL
  status TEXT NOT NULL DEFAULT 'ok', -- ok | error
  last_error TEXT,
  created_at INTEGER NOT NULL,
  UNIQUE (network, service_url, remote_id)
) STRICT;
