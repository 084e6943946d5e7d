-- Accounts and their photos, with perceptual hashes and the 16-bit chunks
-- of each hash that multi-index hashing looks up.
CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE hash_algos (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE photos (
    id         INTEGER PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    bytes      INTEGER NOT NULL,
    sha256     BLOB NOT NULL,
    image      BLOB,
    created_at TEXT NOT NULL
);
CREATE INDEX photos_account ON photos(account_id);
CREATE INDEX photos_sha256 ON photos(sha256);

CREATE TABLE photo_hashes (
    photo_id INTEGER NOT NULL REFERENCES photos(id),
    algo_id  INTEGER NOT NULL REFERENCES hash_algos(id),
    value    INTEGER NOT NULL,
    PRIMARY KEY (photo_id, algo_id)
);

-- One row per 16-bit chunk of each hash, with the whole hash beside it: a
-- lookup reads the index alone and checks the full distance on the spot.
CREATE TABLE hash_chunks (
    algo_id  INTEGER NOT NULL,
    chunk    INTEGER NOT NULL,
    value    INTEGER NOT NULL,
    photo_id INTEGER NOT NULL,
    hash     INTEGER NOT NULL
);
CREATE INDEX hash_chunks_lookup ON hash_chunks(algo_id, chunk, value, photo_id, hash);
