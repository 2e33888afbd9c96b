// Command ferretdb runs an embedded FerretDB (MongoDB wire protocol) on its
// SQLite backend, for Tideway's local stack and tests.
//
// stack/recipes.ts builds it against a copy of FerretDB with the fixes in its
// FERRETDB_PATCHES (lookups by _id use SQLite's index); a plain `go build`
// here builds it without them.
//
// Usage:
//
//	ferretdb -listen 127.0.0.1:27017 -data ./data/ferretdb [-log-level warn]
//
// It stops cleanly on SIGINT or SIGTERM.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:27017", "TCP address to listen on")
	data := flag.String("data", "data", "directory of the SQLite databases (created if missing)")
	level := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *data, *level); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb:", err)
		os.Exit(1)
	}
}

func run(listen, data, level string) error {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", level, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lvl}))

	dir, err := filepath.Abs(data)
	if err != nil {
		return err
	}
	if err = os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Logger:    logger,
		Handler:   "sqlite",
		// Immediate transactions take SQLite's write lock at BEGIN, where a busy writer is waited for
		// (busy_timeout); deferred ones fail with "database is locked" when two writers race to upgrade.
		// SQLite's busy handler is not fair: under a burst on two cores a writer lost the race for more than
		// FerretDB's default 10 s. Callers have their own deadlines (the API's 3 s), so waiting longer here
		// only spares activities a failed attempt and its backoff.
		SQLiteURL: (&url.URL{Scheme: "file", Opaque: filepath.ToSlash(dir) + "/", RawQuery: "_txlock=immediate&_pragma=busy_timeout(60000)"}).String(),
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	logger.Info("ferretdb listening", "addr", listen, "data", dir)
	return f.Run(ctx)
}
