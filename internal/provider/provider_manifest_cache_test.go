package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// TestAccProvider_manifestCache: manifests read once are kept under the
// user's cache directory, and a later run sends no request for them (only
// for the manifest the registry does not have); manifest_cache = false
// writes nothing. It sets XDG_CACHE_HOME, so it does not run in parallel.
func TestAccProvider_manifestCache(t *testing.T) {
	fake := startFake(t)
	noManifest, _ := fake.Version("imagesmith", "container", "app", fakegithub.MultiArchNoManifest)
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	// The released provider's settings: no override of the cache directory.
	factories := map[string]func() (tfprotov6.ProviderServer, error){
		"ghpackages": providerserver.NewProtocol6WithError(&ghpackagesProvider{version: "test"}),
	}
	cached := func(want int) serverCheck {
		return func() error {
			dir := cache
			entries, _ := os.ReadDir(filepath.Join(dir, "ghpackages-provider", "manifests", "sha256"))
			if len(entries) != want {
				return fmt.Errorf("%d manifests cached in %s, want %d", len(entries), dir, want)
			}
			return nil
		}
	}
	manifestGETs := func(w *requestWindow, onlyMissing bool) serverCheck {
		return func() error {
			reqs, err := w.requests()
			if err != nil {
				return err
			}
			n := 0
			for _, r := range reqs {
				if r.Route != fakegithub.RegistryRouteManifest {
					continue
				}
				n++
				if onlyMissing && filepath.Base(r.Path) != noManifest.Name {
					return fmt.Errorf("%s was fetched again, although it is in the disk cache", r.Path)
				}
			}
			if n == 0 {
				return fmt.Errorf("no manifest request")
			}
			return nil
		}
	}
	pkg := packageState(t, fake, "imagesmith", "container", "app")
	withManifests := len(pkg.ActiveVersionIDs) - 1
	cold, warm := newRequestWindow(fake), newRequestWindow(fake)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: factories,
		Steps: []resource.TestStep{
			{
				PreConfig:         cold.open,
				Config:            providerConfig(fake, tokenFull) + multiArchVersions,
				ConfigStateChecks: []statecheck.StateCheck{cached(withManifests), manifestGETs(cold, false)},
			},
			{
				PreConfig:         warm.open,
				Config:            providerConfig(fake, tokenFull) + multiArchVersions,
				ConfigStateChecks: []statecheck.StateCheck{manifestGETs(warm, true)},
			},
			{
				PreConfig: func() {
					cache = t.TempDir()
					t.Setenv("XDG_CACHE_HOME", cache)
				},
				Config:            providerConfig(fake, tokenFull, "manifest_cache = false") + multiArchVersions,
				ConfigStateChecks: []statecheck.StateCheck{cached(0)},
			},
		},
	})
}
