-- Which way each photo's keys were made (Photo.KeyVersion): keys of one
-- version are only compared with keys of the same. Photos stored before
-- versions were recorded have the first.
ALTER TABLE photo_signatures ADD COLUMN key_version INTEGER NOT NULL DEFAULT 1;
