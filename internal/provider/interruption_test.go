package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// TestAccInterruptedApply presses Ctrl-C on a real `terraform plan` and a
// real `terraform apply` while the provider waits out a rate limit, then
// checks that terraform stopped long before the wait would have ended, that
// nothing went into state, and that the next plan and apply do the right
// thing.
//
// The apply applies a saved plan. Terraform sends providers the stop
// request (StopProvider) while it plans with `terraform plan` and while it
// applies, but not during the plan phase of a plain `terraform apply`
// (terraform 1.11 to 1.16, internal/backend/local/backend_apply.go): a
// wait there, at plan time, runs to its end or until a second Ctrl-C. Any
// provider that reads at plan time shares that limit.
//
// terraform-plugin-testing cannot interrupt a run, so this test drives the
// terraform CLI itself, with the provider served in-process in debug mode
// (TF_REATTACH_PROVIDERS), as terraform-plugin-testing does.
func TestAccInterruptedApply(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1")
	}
	terraformBin := terraformCLI(t)
	fake := startFake(t)
	w := newCLIWorkdir(t, terraformBin, map[string]string{"main.tf": providerConfig(fake, tokenFull, `max_rate_limit_wait = "10m"`) + `
resource "ghpackages_package_version_retention" "restored" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000001 # deleted 5 days ago: creating it restores it
}
`})
	terraform := w.command
	// interrupt runs terraform with every answer of the fake asking for a
	// 60 s wait, presses Ctrl-C once the provider sits in that wait, and
	// checks that terraform stops at once, with a failure.
	interrupt := func(args ...string) {
		t.Helper()
		w := openRequestWindow(fake)
		fake.SetSecondaryRateLimitEvery(1, 60*time.Second)
		defer fake.SetSecondaryRateLimitEvery(0, 0)
		cmd := terraform(context.Background(), args...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		waitFor(t, 30*time.Second, func() bool {
			select {
			case err := <-exited:
				t.Fatalf("terraform %s ended (%v) before calling GitHub:\n%s", args[0], err, out.String())
			default:
			}
			reqs, err := w.requests()
			if err != nil {
				t.Fatal(err)
			}
			return len(reqs) > 0
		})
		time.Sleep(200 * time.Millisecond) // the provider is now waiting out the limit
		interrupted := time.Now()
		if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
			t.Fatal(err)
		}
		err := <-exited
		stoppedAfter := time.Since(interrupted)
		t.Logf("terraform %s stopped %s after Ctrl-C", args[0], stoppedAfter.Round(time.Millisecond))
		var exitErr *exec.ExitError
		if !errors.As(err, &exitErr) {
			t.Fatalf("interrupted terraform %s exited with %v, want a failure; output:\n%s", args[0], err, out.String())
		}
		if stoppedAfter > 30*time.Second {
			t.Errorf("terraform %s took %s to stop: the 60 s wait was not cut short", args[0], stoppedAfter)
		}
	}

	if out, err := terraform(context.Background(), "init", "-no-color").CombinedOutput(); err != nil {
		t.Fatalf("terraform init: %v\n%s", err, out)
	}

	// Ctrl-C while the plan reads the version to show what it will keep.
	interrupt("plan", "-no-color")

	// Ctrl-C while the apply of a saved plan waits to restore the version.
	if out, err := terraform(context.Background(), "plan", "-no-color", "-out=tfplan").CombinedOutput(); err != nil {
		t.Fatalf("terraform plan -out: %v\n%s", err, out)
	}
	interrupt("apply", "-no-color", "tfplan")
	if v, _ := fake.Version("acme", "container", "web", fakegithub.AcmeWebV1); !v.Deleted {
		t.Fatalf("the version was restored although the apply was interrupted before any write")
	}

	// The next plan reads the state right: the version still has to be
	// restored (exit code 2 means "changes").
	var exitErr *exec.ExitError
	plan := terraform(context.Background(), "plan", "-detailed-exitcode", "-no-color")
	planOut, err := plan.CombinedOutput()
	if !errors.As(err, &exitErr) || exitErr.ExitCode() != 2 || !strings.Contains(string(planOut), "1 to add, 0 to change, 0 to destroy") {
		t.Fatalf("plan after the interruption: %v\n%s", err, planOut)
	}
	if out, err := terraform(context.Background(), "apply", "-auto-approve", "-no-color").CombinedOutput(); err != nil {
		t.Fatalf("apply after the interruption: %v\n%s", err, out)
	}
	if v, _ := fake.Version("acme", "container", "web", fakegithub.AcmeWebV1); v.Deleted {
		t.Error("the version is still deleted after the second apply")
	}
	if out, err := terraform(context.Background(), "plan", "-detailed-exitcode", "-no-color").CombinedOutput(); err != nil {
		t.Errorf("a plan after the apply is not empty: %v\n%s", err, out)
	}
}

// serveProviderForReattach serves the provider in this process in debug
// mode and returns the TF_REATTACH_PROVIDERS value for it.
func serveProviderForReattach(t *testing.T) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	configCh := make(chan *plugin.ReattachConfig)
	closeCh := make(chan struct{})
	p := &ghpackagesProvider{version: "test"}
	go func() {
		err := tf6server.Serve("registry.terraform.io/ghpackages/ghpackages", providerserver.NewProtocol6(p),
			tf6server.WithDebug(ctx, configCh, closeCh), tf6server.WithLoggingSink(t),
			tf6server.WithGoPluginLogger(hclog.NewNullLogger()))
		if err != nil {
			t.Errorf("serving the provider: %v", err)
		}
	}()
	var cfg *plugin.ReattachConfig
	select {
	case cfg = <-configCh:
	case <-time.After(30 * time.Second):
		t.Fatal("the provider did not start")
	}
	t.Cleanup(func() {
		cancel()
		<-closeCh
	})
	reattach, err := json.Marshal(map[string]any{
		"registry.terraform.io/ghpackages/ghpackages": map[string]any{
			"Protocol":        string(cfg.Protocol),
			"ProtocolVersion": cfg.ProtocolVersion,
			"Pid":             cfg.Pid,
			"Test":            cfg.Test,
			"Addr":            map[string]string{"Network": cfg.Addr.Network(), "String": cfg.Addr.String()},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(reattach)
}

func waitFor(t *testing.T, limit time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("condition not met within %s", limit)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
