-- A post's thread: the stored replies to a post are found by the post they reply to.
CREATE INDEX posts_by_reply_to ON posts(reply_to) WHERE reply_to IS NOT NULL;

-- Posts stored before triage existed (or while it was off) wait here for classification. Once
-- every post is classified the index is empty, so it costs nothing on ingest (posts arrive classified).
CREATE INDEX posts_unclassified ON posts(id) WHERE intent IS NULL;
