// Command fakegithub serves the fake GitHub Packages API for scripts and
// demos, for example to point the provider or curl at:
//
//	go run ./internal/fakegithub/cmd/fakegithub -url-file /tmp/fake.url
//	curl -H "Authorization: Bearer ghp_fulltoken" "$(cat /tmp/fake.url)/orgs/acme/packages?package_type=container"
//
// It stops cleanly on SIGINT or SIGTERM, then lists any OpenAPI contract
// violations it saw and exits 1 if there were some.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "fakegithub:", err)
		os.Exit(1)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("fakegithub", flag.ContinueOnError)
	seedFile := flags.String("seed", "", "JSON seed file (default: the built-in DefaultSeed)")
	listen := flags.String("listen", "127.0.0.1:0", "address to listen on")
	urlFile := flags.String("url-file", "", "write the base URL to this file once listening")
	contract := flags.Bool("contract", true, "check requests and answers against GitHub's OpenAPI description")
	latency := flags.Duration("latency", 0, "delay every answer this long, as over a network (benchmarks)")
	rateLimit := flags.Int("rate-limit", 0, "requests per token and hour before the primary rate limit (default GitHub's 5000)")
	if err := flags.Parse(args); err != nil {
		return err
	}

	seed := fakegithub.DefaultSeed()
	if *seedFile != "" {
		var err error
		if seed, err = fakegithub.LoadSeed(*seedFile); err != nil {
			return err
		}
	}
	fake, err := fakegithub.New(seed, fakegithub.WithContractValidation(*contract))
	if err != nil {
		return err
	}
	if *latency > 0 {
		fake.SetLatency(*latency)
	}
	if *rateLimit > 0 {
		fake.SetPrimaryRateLimit(*rateLimit, time.Hour)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return err
	}
	url := "http://" + ln.Addr().String()
	srv := &http.Server{Handler: withStats(fake), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	fmt.Fprintf(out, "fake GitHub API listening on %s (GitHub Enterprise Server style: %s/api/v3)\n", url, url)
	for _, t := range seed.Tokens {
		kind := t.Kind
		if kind == "" {
			kind = fakegithub.KindClassic
		}
		fmt.Fprintf(out, "  token %s: login %s, kind %s, scopes [%s]\n", t.Token, t.Login, kind, strings.Join(t.Scopes, ", "))
	}
	if *urlFile != "" {
		if err := writeAtomically(*urlFile, url+"\n"); err != nil {
			_ = srv.Close()
			return err
		}
	}

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	violations := fake.ContractViolations()
	for _, v := range violations {
		fmt.Fprintln(out, "contract violation:", v)
	}
	if len(violations) > 0 {
		return fmt.Errorf("%d OpenAPI contract violations", len(violations))
	}
	return nil
}

// statsPath is not GitHub's: it answers how many requests the fake has
// served so far, per route, for scripts that measure a client (bench.sh).
// It is not recorded, delayed or checked against the contract.
const statsPath = "/_fakegithub/requests"

// withStats serves statsPath as JSON, {"total": N, "routes": {"GET /...": n}},
// and hands every other request to the fake.
func withStats(fake *fakegithub.Server) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != statsPath {
			fake.ServeHTTP(w, r)
			return
		}
		stats := struct {
			Total  int            `json:"total"`
			Routes map[string]int `json:"routes"`
		}{Routes: map[string]int{}}
		for _, rec := range fake.Requests() {
			stats.Total++
			stats.Routes[rec.Route]++
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(stats)
	})
}

// writeAtomically writes through a rename so that a script waiting for the
// file never reads half a URL.
func writeAtomically(path, content string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fakegithub-url-*")
	if err != nil {
		return err
	}
	if _, err := tmp.WriteString(content); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), path)
}
