package registry

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

// testRegistry is a minimal registry with GitHub's token flow: /v2/ asks for
// a bearer token from /auth/token, which wants basic credentials whose
// password is the token, and the pull scope of the repository.
type testRegistry struct {
	t         *testing.T
	srv       *httptest.Server
	token     string
	repo      string
	mu        sync.Mutex
	manifests map[string]served // digest -> manifest
	gets      map[string]int    // digest -> GETs
	requests  int
	status    int // when set, every manifest GET answers it
	tokenCode int // when set, the token endpoint answers it
}

type served struct {
	mediaType string
	body      []byte
}

func newTestRegistry(t *testing.T, repo string) *testRegistry {
	r := &testRegistry{t: t, token: "ghp_test", repo: repo, manifests: map[string]served{}, gets: map[string]int{}}
	r.srv = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.srv.Close)
	return r
}

func (r *testRegistry) add(mediaType string, v any) string {
	body, err := json.Marshal(v)
	if err != nil {
		r.t.Fatal(err)
	}
	d := sha256Digest(body)
	r.manifests[d] = served{mediaType, body}
	return d
}

func (r *testRegistry) serve(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	switch {
	case req.URL.Path == "/v2/":
		w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="%s/auth/token",service="test-registry"`, r.srv.URL))
		w.WriteHeader(http.StatusUnauthorized)
	case req.URL.Path == "/auth/token":
		_, pass, ok := req.BasicAuth()
		if r.tokenCode != 0 {
			w.WriteHeader(r.tokenCode)
			fmt.Fprint(w, `{"errors":[{"code":"DENIED","message":"requested access to the resource is denied"}]}`)
			return
		}
		if !ok || pass != r.token || req.URL.Query().Get("scope") != "repository:"+r.repo+":pull" ||
			req.URL.Query().Get("service") != "test-registry" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"token":"registry-bearer"}`)
	case strings.HasPrefix(req.URL.Path, "/v2/"+r.repo+"/manifests/"):
		if req.Header.Get("Authorization") != "Bearer registry-bearer" {
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="%s/auth/token",service="test-registry"`, r.srv.URL))
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		for _, mt := range acceptedMediaTypes {
			if !strings.Contains(req.Header.Get("Accept"), string(mt)) {
				r.t.Errorf("Accept %q lacks %s", req.Header.Get("Accept"), mt)
			}
		}
		d := strings.TrimPrefix(req.URL.Path, "/v2/"+r.repo+"/manifests/")
		r.gets[d]++
		if r.status != 0 {
			w.WriteHeader(r.status)
			return
		}
		m, ok := r.manifests[d]
		if !ok {
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}`)
			return
		}
		w.Header().Set("Content-Type", m.mediaType)
		w.Header().Set("Docker-Content-Digest", d)
		_, _ = w.Write(m.body)
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (r *testRegistry) client(t *testing.T, cacheDir string) *Client {
	c, err := New(Config{URL: r.srv.URL, Token: r.token, CacheDir: cacheDir})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const (
	ociIndex    = "application/vnd.oci.image.index.v1+json"
	ociManifest = "application/vnd.oci.image.manifest.v1+json"
	dockerList  = "application/vnd.docker.distribution.manifest.list.v2+json"
)

func image(seed string) map[string]any {
	return map[string]any{
		"schemaVersion": 2, "mediaType": ociManifest,
		"config": map[string]any{"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2, "digest": sha256Digest([]byte(seed))},
		"layers": []any{},
	}
}

func entry(mt, digest, platform string, annotations map[string]string) map[string]any {
	e := map[string]any{"mediaType": mt, "digest": digest, "size": 100}
	if platform != "" {
		p := strings.Split(platform, "/")
		pl := map[string]any{"os": p[0], "architecture": p[1]}
		if len(p) > 2 {
			pl["variant"] = p[2]
		}
		e["platform"] = pl
	}
	if annotations != nil {
		e["annotations"] = annotations
	}
	return e
}

// multiArch seeds a release: an index (tag 1.2.0) of amd64 and arm64/v8
// images, a buildx attestation of amd64, a nested index (not a version)
// holding a ppc64le image, a cosign signature by tag, an OCI referrer, an
// untagged orphan image, a version without a manifest and a ghost entry.
func multiArch(t *testing.T, r *testRegistry) (versions []Version, ids map[string]int64) {
	amd := r.add(ociManifest, image("amd64"))
	arm := r.add(ociManifest, image("arm64"))
	ppc := r.add(ociManifest, image("ppc64le"))
	att := r.add(ociManifest, image("attestation"))
	nested := r.add(ociIndex, map[string]any{"schemaVersion": 2, "mediaType": ociIndex,
		"manifests": []any{entry(ociManifest, ppc, "linux/ppc64le", nil)}})
	ghost := sha256Digest([]byte("ghost"))
	idx := r.add(dockerList, map[string]any{"schemaVersion": 2, "mediaType": dockerList, "manifests": []any{
		entry(ociManifest, amd, "linux/amd64", nil),
		entry(ociManifest, arm, "linux/arm64/v8", nil),
		entry(ociManifest, att, "unknown/unknown", map[string]string{annotationReferenceType: referenceTypeAttestation, annotationReferenceDigest: amd}),
		entry(ociIndex, nested, "", nil),
		entry(ociManifest, ghost, "linux/s390x", nil),
	}})
	sig := r.add(ociManifest, image("signature"))
	referrer := map[string]any{"schemaVersion": 2, "mediaType": ociManifest, "artifactType": "application/vnd.dev.sigstore.bundle+json",
		"config": map[string]any{"mediaType": "application/vnd.oci.empty.v1+json", "size": 2, "digest": sha256Digest([]byte("{}"))},
		"layers": []any{}, "subject": map[string]any{"mediaType": dockerList, "digest": idx, "size": 1}}
	ref := r.add(ociManifest, referrer)
	orphan := r.add(ociManifest, image("orphan"))
	missing := sha256Digest([]byte("missing"))
	ids = map[string]int64{"index": 1, "amd": 2, "arm": 3, "att": 4, "ppc": 5, "sig": 6, "ref": 7, "orphan": 8, "missing": 9}
	versions = []Version{
		{ID: 1, Digest: idx, Tags: []string{"1.2.0", "latest"}},
		{ID: 2, Digest: amd}, {ID: 3, Digest: arm}, {ID: 4, Digest: att}, {ID: 5, Digest: ppc},
		{ID: 6, Digest: sig, Tags: []string{"sha256-" + strings.TrimPrefix(idx, "sha256:") + ".sig"}},
		{ID: 7, Digest: ref}, {ID: 8, Digest: orphan}, {ID: 9, Digest: missing},
	}
	return versions, ids
}

func TestDescribeMultiArch(t *testing.T) {
	r := newTestRegistry(t, "acme/team/app")
	versions, _ := multiArch(t, r)
	c := r.client(t, "")
	g, err := c.Describe(context.Background(), RepositoryPath("Acme", "Team/App"), versions)
	if err != nil {
		t.Fatal(err)
	}
	type want struct {
		kind      Kind
		platform  string
		children  []int64
		parents   []int64
		subject   int64
		mediaType string
	}
	for id, w := range map[int64]want{
		1: {KindIndex, "", []int64{2, 3, 4, 5}, nil, 0, dockerList},
		2: {KindImage, "linux/amd64", nil, []int64{1}, 0, ociManifest},
		3: {KindImage, "linux/arm64/v8", nil, []int64{1}, 0, ociManifest},
		4: {KindAttestation, "unknown/unknown", nil, []int64{1}, 2, ociManifest},
		5: {KindImage, "linux/ppc64le", nil, []int64{1}, 0, ociManifest},
		6: {KindSignature, "", nil, nil, 1, ociManifest},
		7: {KindSignature, "", nil, nil, 1, ociManifest},
		8: {KindImage, "", nil, nil, 0, ociManifest},
		9: {KindUnknown, "", nil, nil, 0, ""},
	} {
		f := g.Facts[id]
		if f.Kind != w.kind || f.Platform != w.platform || !slices.Equal(f.ChildIDs, w.children) ||
			!slices.Equal(f.ParentIDs, w.parents) || f.SubjectID != w.subject || f.MediaType != w.mediaType {
			t.Errorf("version %d: got %+v, want %+v", id, *f, w)
		}
	}
	if !g.Facts[9].Missing {
		t.Error("version 9 is not marked missing")
	}
	// A version name that is no digest is a version without a manifest.
	g2, err := c.Describe(context.Background(), "acme/team/app", []Version{{ID: 1, Digest: "sha256:110"}})
	if err != nil || g2.Facts[1].Kind != KindUnknown || len(g2.Warnings) != 1 {
		t.Errorf("a name that is no digest: %v, %+v", err, g2)
	}
	joined := strings.Join(g.Warnings, "\n")
	for _, s := range []string{"version 9 (" + versions[8].Digest, "ghost image", "platform linux/s390x", "tags 1.2.0, latest"} {
		if !strings.Contains(joined, s) {
			t.Errorf("warnings lack %q:\n%s", s, joined)
		}
	}
	if len(g.Warnings) != 2 {
		t.Errorf("want 2 warnings, got %d:\n%s", len(g.Warnings), joined)
	}
}

func TestManifestFetchedOncePerRunAndCachedOnDisk(t *testing.T) {
	r := newTestRegistry(t, "acme/app")
	versions, _ := multiArch(t, r)
	dir := t.TempDir()
	c := r.client(t, dir)
	for range 2 {
		if _, err := c.Describe(context.Background(), "acme/app", versions); err != nil {
			t.Fatal(err)
		}
	}
	for d, n := range r.gets {
		if n != 1 {
			t.Errorf("%s fetched %d times in one run", d, n)
		}
	}
	// 9 versions (one missing) and the nested index: 9 manifests fetched.
	if got := c.Stats().Fetched.Load(); got != 9 {
		t.Errorf("fetched %d manifests, want 9", got)
	}
	first := r.requests

	// A second run (a new client) reads them from disk: only the missing
	// manifest costs a handshake and a GET.
	c2 := r.client(t, dir)
	if _, err := c2.Describe(context.Background(), "acme/app", versions); err != nil {
		t.Fatal(err)
	}
	if got := c2.Stats().DiskHits.Load(); got != 9 {
		t.Errorf("disk hits %d, want 9", got)
	}
	if second := r.requests - first; second != 3 { // ping, token, the missing manifest
		t.Errorf("second run sent %d requests, want 3", second)
	}

	// A tampered entry is not believed: it is fetched again.
	p, _ := (&diskCache{dir: dir}).path(versions[1].Digest)
	data, _ := os.ReadFile(p)
	if err := os.WriteFile(p, append(data, ' '), 0o600); err != nil {
		t.Fatal(err)
	}
	c3 := r.client(t, dir)
	if _, err := c3.Manifest(context.Background(), "acme/app", versions[1].Digest); err != nil {
		t.Fatal(err)
	}
	if c3.Stats().Fetched.Load() != 1 {
		t.Error("a tampered cache entry was used")
	}
	if _, err := os.Stat(filepath.Join(dir, "sha256")); err != nil {
		t.Error(err)
	}
}

func TestRegistryErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		token     string
		tokenCode int
		status    int
		want      []string
	}{
		{name: "bad token", token: "ghp_wrong", want: []string{"401 Unauthorized", "token exchange for repository:acme/app:pull", "read:packages"}},
		{name: "denied", tokenCode: http.StatusForbidden, want: []string{"403 Forbidden", "cannot read package acme/app", "requested access to the resource is denied"}},
		{name: "server error", status: http.StatusServiceUnavailable, want: []string{"503 Service Unavailable", "GET /v2/acme/app/manifests/"}},
		{name: "manifest denied", status: http.StatusForbidden, want: []string{"403 Forbidden", "GET /v2/acme/app/manifests/"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newTestRegistry(t, "acme/app")
			versions, _ := multiArch(t, r)
			r.tokenCode, r.status = tc.tokenCode, tc.status
			token := r.token
			if tc.token != "" {
				token = tc.token
			}
			c, err := New(Config{URL: r.srv.URL, Token: token})
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.Describe(context.Background(), "acme/app", versions)
			if err == nil {
				t.Fatal("no error")
			}
			var re *Error
			if !errors.As(err, &re) {
				t.Fatalf("%T is not *Error: %v", err, err)
			}
			for _, s := range tc.want {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("error %q lacks %q", err, s)
				}
			}
			if strings.Contains(err.Error(), token) || strings.Contains(err.Error(), base64.StdEncoding.EncodeToString([]byte(DefaultUsername+":"+token))) {
				t.Error("the error shows the token")
			}
		})
	}
}

func TestRepositoryPath(t *testing.T) {
	if got := RepositoryPath("Acme", "Team/My-App"); got != "acme/team/my-app" {
		t.Errorf("got %q", got)
	}
}

func TestDefaultURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://api.github.com/":              "https://ghcr.io",
		"https://ghe.example.com/api/v3/":      "https://containers.ghe.example.com",
		"https://ghe.example.com:8443/api/v3/": "https://containers.ghe.example.com:8443",
		"https://api.octo.ghe.com/":            "https://containers.octo.ghe.com",
		"http://127.0.0.1:8080/":               "http://127.0.0.1:8080",
		"http://127.0.0.1:8080/api/v3/":        "http://127.0.0.1:8080",
	} {
		got, err := DefaultURL(in)
		if err != nil || got != want {
			t.Errorf("DefaultURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://ghcr.io":        "https://ghcr.io",
		"https://GHCR.io/":       "https://ghcr.io",
		" http://localhost:5000": "http://localhost:5000",
	} {
		if got, err := NormalizeURL(in); err != nil || got != want {
			t.Errorf("NormalizeURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, want := range map[string]string{
		"ftp://ghcr.io":        "must start with https://",
		"https://":             "no host name",
		"https://u:p@ghcr.io":  "credentials",
		"https://ghcr.io/v2":   "without a path",
		"https://ghcr.io/?x=1": "a query",
	} {
		if _, err := NormalizeURL(in); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("NormalizeURL(%q) error %v, want one saying %q", in, err, want)
		}
	}
}
