-- What triage made of each post. Derived from the text and the model, so it lives in the cache
-- store and is computed again when the cache is rebuilt. People's decisions (status, team,
-- corrections) live in the durable store (state 0004_triage).
ALTER TABLE posts ADD COLUMN intent TEXT;                               -- NULL until classified
ALTER TABLE posts ADD COLUMN confidence REAL;                           -- 0 … 1
ALTER TABLE posts ADD COLUMN sentiment TEXT;                            -- negative | neutral | positive | unknown
ALTER TABLE posts ADD COLUMN sentiment_score REAL;                      -- -1 … 1, NULL when unknown
ALTER TABLE posts ADD COLUMN needs_response INTEGER NOT NULL DEFAULT 0; -- 1 for the four intents that need an answer
ALTER TABLE posts ADD COLUMN base_priority INTEGER;                     -- 0 … 100 before routing boost and SLA
-- The rest of what base_priority was computed from. A card's "why this priority" is computed again
-- from these and the columns above (the same pure function), rather than stored: a few bytes a
-- post instead of a JSON list of sentences, and the factors shown always add up to base_priority.
ALTER TABLE posts ADD COLUMN addressed INTEGER;                         -- 0 brand not addressed, 1 by name, 2 by @handle
ALTER TABLE posts ADD COLUMN triage_followers INTEGER;                  -- the author's followers when classified (NULL: unknown)
ALTER TABLE posts ADD COLUMN triage_watchlist INTEGER;                  -- 1 when the author was on the watchlist then

-- The "Needs a reply" queue reads only the posts that need an answer, and checks each against the
-- team's decisions (post_workflow, by stable id): with the id in the index, the posts already dealt
-- with are skipped without reading their rows.
CREATE INDEX posts_needing_response ON posts(created_at, uid) WHERE needs_response = 1;
CREATE INDEX posts_by_language_time ON posts(language, created_at);
