package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "github.com/mattn/go-sqlite3" // registers "sqlite3"
)

// openSQLite opens (creating when missing) a SQLite file in WAL mode, so
// that readers do not wait for a writer; transactions take the write lock
// at their start, so that two writers queue rather than fail.
func openSQLite(ctx context.Context, path string, opts Options) (Store, error) {
	if path == "" {
		return nil, fmt.Errorf("%w: empty SQLite path", ErrInvalid)
	}
	dsn := "file:" + url.PathEscape(path) + "?_journal_mode=WAL&_busy_timeout=10000&_foreign_keys=on&_txlock=immediate&_synchronous=NORMAL"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s, err := newSQLStore(ctx, db, dialect{name: "sqlite", optimize: []string{"ANALYZE"}, newKeys: newKeysByID,
		// Other processes read by photo ID and do not see the rewrite until
		// they open the file again (Store.Rekey).
		rekey: `UPDATE photo_signatures SET keys = ?, key_data = ?, key_version = ?, points = ? WHERE photo_id = ?`}, opts)
	if err != nil {
		return nil, err
	}
	return s, nil
}
