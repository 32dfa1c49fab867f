package provider

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A token attribute is trimmed like the environment's tokens: one read
// with file() ends with a newline.
func TestResolveToken_trimsTheAttribute(t *testing.T) {
	for attr, want := range map[string]string{"ghp_x\n": "ghp_x", "  ghp_x \t": "ghp_x", " \n": ""} {
		got, source := resolveToken(context.Background(), attr, "github.com")
		if got != want || source != "the token attribute" {
			t.Errorf("resolveToken(%q) = %q from %q, want %q from the token attribute", attr, got, source, want)
		}
	}
}

// gh prints its token and exits, but leaves a child that holds stdout open
// for a minute: the provider takes the token without waiting for the child.
func TestGHCLIToken_childHoldingStdoutOpen(t *testing.T) {
	dir := t.TempDir()
	script := "#!/bin/sh\necho ghp_fromgh\n/bin/sleep 60 &\nexit 0\n"
	if err := os.WriteFile(filepath.Join(dir, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
	start := time.Now()
	got := ghCLIToken(context.Background(), "github.com")
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("gh auth token held the provider for %s", elapsed)
	}
	if got != "ghp_fromgh" {
		t.Errorf("token = %q, want ghp_fromgh", got)
	}
}
