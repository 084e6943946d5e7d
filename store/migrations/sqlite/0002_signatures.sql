-- Photo signatures (opaque to the store) and the 64-bit keys each photo is
-- found by: several per photo, each split into 16-bit chunks for
-- multi-index hashing as hash_chunks does for hashes.
CREATE TABLE photo_signatures (
    photo_id INTEGER PRIMARY KEY REFERENCES photos(id),
    data     BLOB NOT NULL,
    keys     BLOB NOT NULL -- the keys, 8 bytes each, big-endian
);

CREATE TABLE key_chunks (
    chunk    INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    photo_id INTEGER NOT NULL,
    key      INTEGER NOT NULL
);
CREATE INDEX key_chunks_lookup ON key_chunks(chunk, value, photo_id, key);
