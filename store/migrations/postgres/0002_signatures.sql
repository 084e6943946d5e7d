-- Photo signatures (opaque to the store) and the 64-bit keys each photo is
-- found by. The keys are looked up in memory (keyindex.go), loaded from
-- here. Photo IDs are taken before commit, so they commit out of order:
-- each row records its transaction, and an index reads the rows of the
-- transactions at or after the oldest one its last read could not see.
CREATE TABLE photo_signatures (
    photo_id BIGINT PRIMARY KEY REFERENCES photos(id),
    data     BYTEA NOT NULL,
    keys     BYTEA NOT NULL, -- the keys, 8 bytes each, big-endian
    xid      XID8 NOT NULL DEFAULT pg_current_xact_id()
);
CREATE INDEX photo_signatures_xid ON photo_signatures(xid);
