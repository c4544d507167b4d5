-- Attachments of a post (pictures, video, audio, link cards) as a JSON array of PostMedia;
-- NULL when the post has none (most posts), so that nothing is stored or parsed for them.
ALTER TABLE posts ADD COLUMN media TEXT;
