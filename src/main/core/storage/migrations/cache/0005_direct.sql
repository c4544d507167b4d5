-- A private message (Mastodon visibility `direct`): the wall screen keeps it off the office TV when
-- private data is hidden. Posts stored before this column existed read as public until the network
-- hands them over again (the edit path then corrects the flag).
ALTER TABLE posts ADD COLUMN direct INTEGER NOT NULL DEFAULT 0;
