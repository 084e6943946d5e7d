-- What each key's lookup checks before its photo becomes a candidate
-- (opaque to the store: Photo.KeyData, handed to KeyQuery.Verify); NULL
-- for photos stored before it, which are always candidates.
ALTER TABLE photo_signatures ADD COLUMN key_data BYTEA;
