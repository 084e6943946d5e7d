-- Accounts and their photos, with perceptual hashes and the 16-bit chunks
-- of each hash that multi-index hashing looks up.
CREATE TABLE accounts (
    id         TEXT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE hash_algos (
    id   SMALLSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE photos (
    id         BIGSERIAL PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind       TEXT NOT NULL,
    width      INTEGER NOT NULL,
    height     INTEGER NOT NULL,
    bytes      BIGINT NOT NULL,
    sha256     BYTEA NOT NULL,
    image      BYTEA,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX photos_account ON photos(account_id);
CREATE INDEX photos_sha256 ON photos(sha256);

CREATE TABLE photo_hashes (
    photo_id BIGINT NOT NULL REFERENCES photos(id),
    algo_id  SMALLINT NOT NULL REFERENCES hash_algos(id),
    value    BIGINT NOT NULL,
    PRIMARY KEY (photo_id, algo_id)
);

-- One row per 16-bit chunk of each hash, with the whole hash beside it: a
-- lookup reads the index alone (index-only scans) and checks the full
-- distance on the spot.
CREATE TABLE hash_chunks (
    algo_id  SMALLINT NOT NULL,
    chunk    SMALLINT NOT NULL,
    value    INTEGER NOT NULL,
    photo_id BIGINT NOT NULL,
    hash     BIGINT NOT NULL
);
CREATE INDEX hash_chunks_lookup ON hash_chunks(algo_id, chunk, value) INCLUDE (photo_id, hash);
