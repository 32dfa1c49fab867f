package fakegithub_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ghpackages/terraform-provider-ghpackages/internal/fakegithub"
)

// registryBearer follows the fake registry's challenge with basic
// credentials (password: token) for scope, and returns the answer.
func registryBearer(t *testing.T, s *fakegithub.Server, token, scope string) (int, string) {
	t.Helper()
	ping := get(t, s, "/v2/", "")
	challenge := ping.header.Get("WWW-Authenticate")
	if ping.status != http.StatusUnauthorized || !strings.HasPrefix(challenge, `Bearer realm="`) {
		t.Fatalf("ping: %d, WWW-Authenticate %q", ping.status, challenge)
	}
	realm := strings.Split(strings.TrimPrefix(challenge, `Bearer realm="`), `"`)[0]
	if strings.HasSuffix(realm, "/token") && !strings.Contains(realm, "/registry/") {
		t.Errorf("realm %q: the fake's token endpoint must not be the guessable /token", realm)
	}
	req, _ := http.NewRequest(http.MethodGet, realm+"?service=fake&scope="+scope, nil)
	req.SetBasicAuth("anyone", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body struct {
		Token string `json:"token"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	return resp.StatusCode, body.Token
}

func TestRegistryTokenChecksTokenAndScope(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	for _, tc := range []struct {
		token, scope string
		want         int
	}{
		{fullToken, "repository:imagesmith/app:pull", http.StatusOK},
		{readOnlyToken, "repository:imagesmith/app:pull", http.StatusOK},
		{"ghp_nosuchtoken", "repository:imagesmith/app:pull", http.StatusUnauthorized},
		{hubotToken, "repository:imagesmith/app:pull", http.StatusForbidden}, // not a member
		{fullToken, "repository:imagesmith/app:push", http.StatusBadRequest},
	} {
		if got, _ := registryBearer(t, s, tc.token, tc.scope); got != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.token, tc.scope, got, tc.want)
		}
	}
}

func TestRegistryServesManifests(t *testing.T) {
	s := fakegithub.Start(t, fakegithub.DefaultSeed())
	_, bearer := registryBearer(t, s, fullToken, "repository:imagesmith/app:pull")
	idx, _ := s.Version("imagesmith", "container", "app", fakegithub.MultiArchIndex120)
	v110, _ := s.Version("imagesmith", "container", "app", fakegithub.MultiArchIndex110)
	manifest := func(method, ref, bearer string) result {
		return send(t, s.URL(), method, "/v2/imagesmith/app/manifests/"+ref, "", "Authorization", "Bearer "+bearer)
	}

	r := manifest(http.MethodGet, idx.Name, bearer)
	sum := sha256.Sum256(r.body)
	if r.status != 200 || r.header.Get("Content-Type") != "application/vnd.oci.image.index.v1+json" ||
		r.header.Get("Docker-Content-Digest") != idx.Name || "sha256:"+hex.EncodeToString(sum[:]) != idx.Name {
		t.Fatalf("GET index: %d %v, body digest %x", r.status, r.header, sum)
	}
	var doc struct {
		Manifests []struct {
			Digest      string            `json:"digest"`
			Platform    map[string]string `json:"platform"`
			Annotations map[string]string `json:"annotations"`
		} `json:"manifests"`
	}
	if err := json.Unmarshal(r.body, &doc); err != nil || len(doc.Manifests) != 4 {
		t.Fatalf("index: %v, %s", err, r.body)
	}
	amd, _ := s.Version("imagesmith", "container", "app", fakegithub.MultiArchAmd64)
	if doc.Manifests[0].Digest != amd.Name || doc.Manifests[0].Platform["architecture"] != "amd64" ||
		doc.Manifests[2].Annotations["vnd.docker.reference.type"] != "attestation-manifest" ||
		doc.Manifests[2].Annotations["vnd.docker.reference.digest"] != amd.Name {
		t.Errorf("index entries: %s", r.body)
	}

	// HEAD: headers, no body; by tag too; Docker media types.
	if r := manifest(http.MethodHead, "1.1.0", bearer); r.status != 200 || len(r.body) != 0 ||
		r.header.Get("Content-Type") != "application/vnd.docker.distribution.manifest.list.v2+json" ||
		r.header.Get("Docker-Content-Digest") != v110.Name {
		t.Errorf("HEAD by tag: %d %v", r.status, r.header)
	}
	// The cosign signature is tagged after the index it signs.
	sig, _ := s.Version("imagesmith", "container", "app", fakegithub.MultiArchSignature)
	if want := "sha256-" + strings.TrimPrefix(idx.Name, "sha256:") + ".sig"; len(sig.Tags) != 1 || sig.Tags[0] != want {
		t.Errorf("signature tags %v, want [%s]", sig.Tags, want)
	}
	// Without the bearer, or with another repository's: a challenge.
	if r := manifest(http.MethodGet, idx.Name, "nonsense"); r.status != 401 || !strings.Contains(r.header.Get("WWW-Authenticate"), `scope="repository:imagesmith/app:pull"`) {
		t.Errorf("no bearer: %d %v", r.status, r.header)
	}
	// A version without a manifest.
	none, _ := s.Version("imagesmith", "container", "app", fakegithub.MultiArchNoManifest)
	if r := manifest(http.MethodGet, none.Name, bearer); r.status != 404 || !strings.Contains(string(r.body), "MANIFEST_UNKNOWN") {
		t.Errorf("absent manifest: %d %s", r.status, r.body)
	}
	// Deleting the version through the REST API removes its manifest.
	if r := send(t, s.URL(), http.MethodDelete, fmt.Sprintf("/orgs/imagesmith/packages/container/app/versions/%d", fakegithub.MultiArchAmd64), fullToken); r.status != 204 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if r := manifest(http.MethodGet, amd.Name, bearer); r.status != 404 {
		t.Errorf("deleted version's manifest: %d", r.status)
	}
	// Injected failures.
	s.SetRegistryFailure(http.StatusBadGateway, 1)
	if r := manifest(http.MethodGet, idx.Name, bearer); r.status != 502 {
		t.Errorf("injected failure: %d", r.status)
	}
	if r := manifest(http.MethodGet, idx.Name, bearer); r.status != 200 {
		t.Errorf("after the injected failure: %d", r.status)
	}
}

func TestSeedManifestErrors(t *testing.T) {
	for name, sp := range map[string]fakegithub.SeedPackage{
		"no key":        {Name: "x", Type: "container", Versions: []fakegithub.SeedVersion{{Manifest: &fakegithub.SeedManifest{Kind: "image"}}}},
		"unknown child": {Name: "x", Type: "container", Versions: []fakegithub.SeedVersion{{Key: "i", Manifest: &fakegithub.SeedManifest{Kind: "index", Children: []string{"nope"}}}}},
		"npm manifest":  {Name: "x", Type: "npm", Versions: []fakegithub.SeedVersion{{Key: "i", Manifest: &fakegithub.SeedManifest{Kind: "image"}}}},
		"bad kind":      {Name: "x", Type: "container", Versions: []fakegithub.SeedVersion{{Key: "i", Manifest: &fakegithub.SeedManifest{Kind: "chart"}}}},
		"wrong name":    {Name: "x", Type: "container", Versions: []fakegithub.SeedVersion{{Key: "i", Name: "sha256:00", Manifest: &fakegithub.SeedManifest{Kind: "image"}}}},
	} {
		if _, err := fakegithub.New(fakegithub.Seed{Owners: []fakegithub.SeedOwner{{Login: "o", Packages: []fakegithub.SeedPackage{sp}}}}); err == nil {
			t.Errorf("%s: seed accepted", name)
		}
	}
}
