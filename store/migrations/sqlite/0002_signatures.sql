-- Photo signatures (opaque to the store) and the 64-bit keys each photo is
-- found by. The keys are looked up in memory (keyindex.go), loaded from
-- here; rows are only ever added, in photo ID order (SQLite has one writer
-- at a time), so the index reads the rows above the last photo it holds.
CREATE TABLE photo_signatures (
    photo_id INTEGER PRIMARY KEY REFERENCES photos(id),
    data     BLOB NOT NULL,
    keys     BLOB NOT NULL -- the keys, 8 bytes each, big-endian
);
