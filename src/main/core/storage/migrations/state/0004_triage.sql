-- Triage workflow: the team's setup and what people decided about posts. Durable
-- (synchronous=FULL): losing the cache must never lose an assignment, a note or a correction.

CREATE TABLE teams (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  time_zone TEXT NOT NULL,           -- IANA zone
  hours TEXT                         -- JSON BusinessHours, NULL = around the clock
) STRICT;

CREATE TABLE people (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  team_id TEXT                       -- NULL when in no team
) STRICT;

-- Ordered: the first enabled rule that matches routes the post.
CREATE TABLE routing_rules (
  id TEXT PRIMARY KEY,
  position INTEGER NOT NULL,
  rule TEXT NOT NULL                 -- JSON RoutingRule
) STRICT;

-- Round-robin position per team: the person who got the last post.
CREATE TABLE round_robin (
  team_id TEXT PRIMARY KEY,
  last_person_id TEXT NOT NULL
) STRICT;

CREATE TABLE watchlist (
  author_id TEXT PRIMARY KEY,        -- stable author id
  added_at INTEGER NOT NULL
) STRICT;

-- One row per post the team deals with (routed, needing an answer, or touched by a person).
-- A post without a row is `new`, in no team, unassigned.
CREATE TABLE post_workflow (
  post_id TEXT PRIMARY KEY,          -- stable post id
  post_created_at INTEGER NOT NULL,  -- copied for counters that must not touch the cache
  status TEXT NOT NULL DEFAULT 'new',
  team_id TEXT,
  assignee TEXT,                     -- person id
  tags TEXT NOT NULL DEFAULT '[]',   -- JSON string[]
  snoozed_until INTEGER,
  intent_override TEXT,              -- a person's correction wins over the model
  priority_boost INTEGER NOT NULL DEFAULT 0,
  due_at INTEGER,                    -- first-response SLA deadline, NULL when no SLA applies
  first_response_at INTEGER,
  breached_at INTEGER,               -- when the deadline passed while still open
  warned_at INTEGER,                 -- when the "about to breach" notice went out
  note_count INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX workflow_by_status_due ON post_workflow(status, due_at);
CREATE INDEX workflow_by_team_status ON post_workflow(team_id, status);
CREATE INDEX workflow_by_created ON post_workflow(post_created_at);

CREATE TABLE post_notes (
  id TEXT PRIMARY KEY,
  post_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  text TEXT NOT NULL
) STRICT;
CREATE INDEX notes_by_post ON post_notes(post_id, at);

-- Who changed what, in words; append-only.
CREATE TABLE post_history (
  id INTEGER PRIMARY KEY,
  post_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  what TEXT NOT NULL
) STRICT;
CREATE INDEX history_by_post ON post_history(post_id, id);

-- Corrections teach the local model. The text is kept so that the model can be rebuilt
-- even when the cache (and the post with it) is gone.
CREATE TABLE corrections (
  post_id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  language TEXT,
  intent TEXT,                       -- NULL when only the team was corrected
  team_id TEXT,
  at INTEGER NOT NULL
) STRICT;
