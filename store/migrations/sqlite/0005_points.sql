-- Each photo's points, by the words WordCandidates finds them by, and
-- what WordQuery.Verify checks of each (Photo.Words, WordsPerPoint and
-- PointData, as encodePoints writes them); NULL for photos without, found
-- by their keys alone.
ALTER TABLE photo_signatures ADD COLUMN points BLOB;
