package provider

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// cliWorkdir is a terraform working directory driven through the terraform
// CLI itself, for what terraform-plugin-testing cannot do: interrupt a run,
// `terraform query -generate-config-out`, `apply -invoke`. The provider is
// served in this test process in debug mode (TF_REATTACH_PROVIDERS), as
// terraform-plugin-testing does.
type cliWorkdir struct {
	t        *testing.T
	bin, dir string
	reattach string
}

// requiredProviders opens main.tf: the provider, found through the
// reattach configuration, never a registry.
const requiredProviders = `
terraform {
  required_providers {
    ghpackages = { source = "registry.terraform.io/ghpackages/ghpackages" }
  }
}
`

// newCLIWorkdir serves the provider, and writes files (name -> content)
// into a fresh directory; main.tf starts with requiredProviders.
func newCLIWorkdir(t *testing.T, bin string, files map[string]string) *cliWorkdir {
	t.Helper()
	w := &cliWorkdir{t: t, bin: bin, dir: t.TempDir(), reattach: serveProviderForReattach(t)}
	for name, content := range files {
		w.write(name, content)
	}
	return w
}

// write puts a file into the directory.
func (w *cliWorkdir) write(name, content string) {
	w.t.Helper()
	if err := os.WriteFile(filepath.Join(w.dir, name), []byte(requiredProvidersIfMain(name, content)), 0o644); err != nil {
		w.t.Fatal(err)
	}
}

// requiredProvidersIfMain keeps requiredProviders at the head of main.tf
// when a test rewrites it.
func requiredProvidersIfMain(name, content string) string {
	if name == "main.tf" && !strings.HasPrefix(content, requiredProviders) {
		return requiredProviders + content
	}
	return content
}

// path is a file of the directory.
func (w *cliWorkdir) path(name string) string { return filepath.Join(w.dir, name) }

// command is `terraform -chdir=DIR args...` against the served provider.
func (w *cliWorkdir) command(ctx context.Context, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, w.bin, append([]string{"-chdir=" + w.dir}, args...)...)
	cmd.Env = append(os.Environ(), "TF_REATTACH_PROVIDERS="+w.reattach, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1")
	return cmd
}

// output runs terraform and returns its combined output.
func (w *cliWorkdir) output(args ...string) (string, error) {
	out, err := w.command(context.Background(), args...).CombinedOutput()
	return string(out), err
}

// run runs terraform and fails the test when it fails.
func (w *cliWorkdir) run(args ...string) string {
	w.t.Helper()
	out, err := w.output(args...)
	if err != nil {
		w.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}
