package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/address"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/ghclient"
	"github.com/ghpackages/terraform-provider-ghpackages/internal/registry"
)

// TestReadManifestGraphWarnings: the version without a manifest and the
// ghost platform of index 1.0.0 are named in one warning, and the token's
// own account (no org or user) finds its login for the registry path.
func TestReadManifestGraphWarnings(t *testing.T) {
	fake := startFake(t)
	gh, reg := newTestClients(t, fake)
	pkg := address.Package{Owner: address.Org("imagesmith"), Type: "container", Name: "app"}
	list, err := gh.ListVersions(context.Background(), pkg, "active")
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.Diagnostics
	g, ok := readManifestGraph(context.Background(), gh, reg, pkg, list, &diags)
	if !ok || g == nil || diags.HasError() || len(diags) != 1 {
		t.Fatalf("ok %v, diagnostics %v", ok, diags)
	}
	noManifest, _ := fake.Version("imagesmith", "container", "app", fakegithub.MultiArchNoManifest)
	detail := diags[0].Detail()
	for _, want := range []string{
		fmt.Sprintf("version %d (%s, untagged) has no manifest", fakegithub.MultiArchNoManifest, noManifest.Name),
		fmt.Sprintf("index %d", fakegithub.MultiArchGhostIndex), "tags 1.0.0", "platform linux/arm64", "ghost image",
	} {
		if !strings.Contains(detail, want) {
			t.Errorf("warning lacks %q:\n%s", want, detail)
		}
	}

	// The token's own account: octocat's dotfiles (no manifests there, so
	// every version is unknown), via one GET of the package for the login.
	mine := address.Package{Owner: address.Me(), Type: "container", Name: "dotfiles"}
	list, err = gh.ListVersions(context.Background(), mine, "active")
	if err != nil {
		t.Fatal(err)
	}
	diags = nil
	g, ok = readManifestGraph(context.Background(), gh, reg, mine, list, &diags)
	if !ok || len(g.Facts) != len(list) || g.Facts[list[0].ID].Kind != registry.KindUnknown {
		t.Fatalf("ok %v, %+v, %v", ok, g, diags)
	}
}

// TestWarnReferencedDestroy: the destroy plan of a platform image of a
// tagged index warns, naming the index and its tags; an unreferenced image
// and a version whose package is gone get no warning.
func TestWarnReferencedDestroy(t *testing.T) {
	fake := startFake(t)
	gh, reg := newTestClients(t, fake)
	app := address.Package{Owner: address.Org("imagesmith"), Type: "container", Name: "app"}
	var diags diag.Diagnostics
	warnReferencedDestroy(context.Background(), gh, reg, newReferenceGraphs(), address.Version{Package: app, ID: fakegithub.MultiArchAmd64V110}, &diags)
	if len(diags) != 1 || diags.HasError() {
		t.Fatalf("diagnostics: %v", diags)
	}
	for _, want := range []string{
		fmt.Sprintf("the linux/amd64 image of index %d", fakegithub.MultiArchIndex110), "tags 1.1.0", "allow_delete_referenced = true",
	} {
		if !strings.Contains(diags[0].Detail(), want) {
			t.Errorf("warning lacks %q:\n%s", want, diags[0].Detail())
		}
	}
	diags = nil
	warnReferencedDestroy(context.Background(), gh, reg, newReferenceGraphs(), address.Version{Package: app, ID: fakegithub.MultiArchOrphanOld}, &diags)
	gone := address.Package{Owner: address.Org("acme"), Type: "container", Name: "no-such-package"}
	warnReferencedDestroy(context.Background(), gh, reg, newReferenceGraphs(), address.Version{Package: gone, ID: 1}, &diags)
	if len(diags) != 0 {
		t.Errorf("diagnostics: %v", diags)
	}
}

// The reference checks of one process share a listing, but a delete never
// decides on it alone: an index tagged (or pushed) since the shared listing
// is seen, because each check first reads the package's newest page.
func TestFindReferencesSeesIndexesTaggedSinceTheSharedListing(t *testing.T) {
	fake := startFake(t)
	gh, reg := newTestClients(t, fake)
	ctx := context.Background()
	app := address.Package{Owner: address.Org("imagesmith"), Type: "container", Name: "app"}
	child := address.Version{Package: app, ID: fakegithub.MultiArchAmd64V110}
	graphs := newReferenceGraphs()
	if err := fake.SetVersionTags("imagesmith", "container", "app", fakegithub.MultiArchIndex110, nil); err != nil {
		t.Fatal(err)
	}
	before, diags := findReferences(ctx, gh, reg, graphs, child, true)
	if diags.HasError() || len(before.refs) != 0 {
		t.Fatalf("with its index untagged: %+v, %v", before, diags)
	}
	if err := fake.SetVersionTags("imagesmith", "container", "app", fakegithub.MultiArchIndex110, []string{"1.1.0"}); err != nil {
		t.Fatal(err)
	}
	after, diags := findReferences(ctx, gh, reg, graphs, child, true)
	if diags.HasError() || len(after.refs) != 1 || after.refs[0].id != fakegithub.MultiArchIndex110 {
		t.Errorf("after the index was tagged again, within the shared listing's lifetime: %+v, %v; want index %d", after, diags, fakegithub.MultiArchIndex110)
	}
}

// newTestClients are the REST and registry clients of a provider, on fake.
func newTestClients(t *testing.T, fake *fakegithub.Server) (*ghclient.Client, *registry.Client) {
	t.Helper()
	gh, err := ghclient.New(ghclient.Config{BaseURL: fake.URL(), Token: tokenFull, MaxConcurrentRequests: 2})
	if err != nil {
		t.Fatal(err)
	}
	reg, err := registry.New(registry.Config{URL: fake.URL(), Token: tokenFull, Transport: gh.SharedTransport()})
	if err != nil {
		t.Fatal(err)
	}
	return gh, reg
}
