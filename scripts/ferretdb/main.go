// Command ferretdb-embedded serves the MongoDB wire protocol with FerretDB's
// SQLite backend. It exists because FerretDB's own cmd/ferretdb, built with
// `go install`, panics without a generated version file; the embeddable
// package has no such requirement.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "TCP address to listen on (port 0 picks a free one)")
	dataDir := flag.String("data-dir", "", "directory for the SQLite files (required)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	flag.Parse()

	if err := run(*listen, *dataDir, *logLevel); err != nil {
		fmt.Fprintln(os.Stderr, "ferretdb-embedded:", err)
		os.Exit(1)
	}
}

func run(listen, dataDir, logLevel string) error {
	var level slog.Level
	if err := level.UnmarshalText([]byte(logLevel)); err != nil {
		return fmt.Errorf("bad -log-level %q: %w", logLevel, err)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	sqliteURL, err := sqliteURL(dataDir)
	if err != nil {
		return err
	}

	f, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{TCP: listen},
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
		Logger:    logger,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	done := make(chan error, 1)
	go func() { done <- f.Run(ctx) }()

	// MongoDBURI blocks until the listener is bound, so printing it tells the
	// parent process both the chosen port and that connections are accepted.
	ready, _ := json.Marshal(map[string]string{"uri": f.MongoDBURI()})
	fmt.Println(string(ready))

	return <-done
}

// sqliteURL refuses an empty directory: FerretDB's in-memory SQLite mode gives each
// pooled connection its own database, so concurrent clients (Agenda) see different data.
func sqliteURL(dataDir string) (string, error) {
	if dataDir == "" {
		return "", fmt.Errorf("-data-dir is required")
	}
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return "", fmt.Errorf("cannot create data dir: %w", err)
	}
	return "file:" + abs + "/", nil
}
