package store

import (
	"context"
	"database/sql"
	"fmt"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
)

// migrationLock is the advisory lock key that serialises migrations among
// replicas starting together ("idcheck" in ASCII, as a number).
const migrationLock = 0x6964636865636b

// openPostgres connects to the PostgreSQL database at a postgres:// URL.
func openPostgres(ctx context.Context, dsn string, opts Options) (Store, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open postgres: %w", err)
	}
	d := dialect{name: "postgres", dollarArgs: true,
		optimize: []string{"VACUUM (ANALYZE) hash_chunks", "VACUUM (ANALYZE) photos", "VACUUM (ANALYZE) photo_hashes",
			"VACUUM (ANALYZE) photo_signatures"},
		newKeys: newKeysByTransaction,
		// A later writing transaction has newKeysByTransaction read the
		// row again.
		rekey: `UPDATE photo_signatures SET keys = ?, key_data = ?, key_version = ?, points = ?, xid = pg_current_xact_id() WHERE photo_id = ?`,
		lock: func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(migrationLock))
			return err
		}}
	s, err := newSQLStore(ctx, db, d, opts)
	if err != nil {
		return nil, err
	}
	return s, nil
}
