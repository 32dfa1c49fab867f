package provider

import (
	"os"
	"testing"
	"time"
)

// TestMain runs every test of the provider, with or without TF_ACC.
//
// terraform-plugin-testing skips its tests unless TF_ACC is set, because
// acceptance tests usually call a real API and cost money. These call none:
// each test starts the in-repo fake GitHub on loopback and drives the real
// terraform CLI against it. So they are unit tests in the sense of
// terraform-provider-time's resource.UnitTest (no remote API), and `make
// test` runs them like `make testacc` does. They need a terraform binary:
// the one on PATH, or TF_ACC_TERRAFORM_PATH.
func TestMain(m *testing.M) {
	// A refused delete of a referenced version waits this long for the
	// index's delete to start in the same apply.
	referencedDeleteGrace = 3 * time.Second
	if os.Getenv("TF_ACC") == "" {
		_ = os.Setenv("TF_ACC", "1")
	}
	os.Exit(m.Run())
}
