package registry

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/remote/transport"
	"github.com/hashicorp/go-cleanhttp"
)

// Config configures a Client.
type Config struct {
	// URL is the registry root as NormalizeURL returns it.
	URL   string
	Token string
	// Username goes with the token in the basic credentials sent to the
	// token endpoint; GitHub's registry reads only the token. Default
	// DefaultUsername.
	Username string
	// Transport sends every request: ghclient.Client.SharedTransport, so that
	// the registry's requests are retried and bounded with the REST API's.
	// nil means a plain pooled transport (tests).
	Transport http.RoundTripper
	// CacheDir is the on-disk manifest cache; "" turns it off.
	CacheDir string
}

// DefaultUsername is the user name sent with the token.
const DefaultUsername = "ghpackages-provider"

// Client reads manifests. It is safe for concurrent use; one Client serves
// a provider process, so each manifest is fetched at most once per run.
type Client struct {
	url       string
	registry  name.Registry
	auth      authn.Authenticator
	transport http.RoundTripper
	disk      *diskCache

	mu        sync.Mutex
	repos     map[string]*repoAuth      // repository -> its authenticated transport
	manifests map[string]*manifestFetch // digest -> one fetch

	stats Stats
}

// Stats counts where manifests came from during a run.
type Stats struct {
	// Fetched manifests came from the registry (one GET each).
	Fetched atomic.Int64
	// DiskHits came from the on-disk cache, without a request.
	DiskHits atomic.Int64
	// MemoryHits were asked for again in the same run.
	MemoryHits atomic.Int64
	// Handshakes counts ping + token exchanges (one per repository).
	Handshakes atomic.Int64
}

type repoAuth struct {
	done chan struct{}
	rt   http.RoundTripper
	err  error
}

type manifestFetch struct {
	done chan struct{}
	m    *Manifest
	err  error
}

// New builds a Client.
func New(cfg Config) (*Client, error) {
	u, err := NormalizeURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Token == "" {
		return nil, errors.New("no token")
	}
	host := strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
	var opts []name.Option
	if strings.HasPrefix(u, "http://") {
		opts = append(opts, name.Insecure)
	}
	reg, err := name.NewRegistry(host, opts...)
	if err != nil {
		return nil, fmt.Errorf("registry %s: %v", u, err)
	}
	user := cfg.Username
	if user == "" {
		user = DefaultUsername
	}
	rt := cfg.Transport
	if rt == nil {
		rt = cleanhttp.DefaultPooledTransport()
	}
	c := &Client{
		url:       u,
		registry:  reg,
		auth:      authn.FromConfig(authn.AuthConfig{Username: user, Password: cfg.Token}),
		transport: rt,
		repos:     map[string]*repoAuth{},
		manifests: map[string]*manifestFetch{},
	}
	if cfg.CacheDir != "" {
		c.disk = &diskCache{dir: cfg.CacheDir}
	}
	return c, nil
}

// URL is the registry root the client reads.
func (c *Client) URL() string { return c.url }

// Stats tells how many manifests were fetched, and how many were not.
func (c *Client) Stats() *Stats { return &c.stats }

// Manifest returns the manifest of digest in repository (as RepositoryPath
// writes it). A manifest the registry does not have is an error for which
// errors.Is(err, ErrNotFound) holds. Each digest is fetched at most once per
// Client; the disk cache, when on, answers digests fetched in earlier runs.
func (c *Client) Manifest(ctx context.Context, repository, digest string) (*Manifest, error) {
	c.mu.Lock()
	f, seen := c.manifests[digest]
	if !seen {
		f = &manifestFetch{done: make(chan struct{})}
		c.manifests[digest] = f
	}
	c.mu.Unlock()
	if seen {
		c.stats.MemoryHits.Add(1)
		select {
		case <-f.done:
			return f.m, f.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	f.m, f.err = c.load(ctx, repository, digest)
	if f.err != nil && ctx.Err() != nil {
		// A cancelled fetch is not an answer: the next caller tries again.
		c.mu.Lock()
		delete(c.manifests, digest)
		c.mu.Unlock()
	}
	close(f.done)
	return f.m, f.err
}

func (c *Client) load(ctx context.Context, repository, digest string) (*Manifest, error) {
	if mt, raw, ok := c.disk.get(digest); ok {
		c.stats.DiskHits.Add(1)
		return parseManifest(digest, mt, raw)
	}
	ref, err := name.NewDigest(c.registry.RegistryStr()+"/"+repository+"@"+digest, c.nameOptions()...)
	if err != nil {
		// A version name that is no digest has no manifest to fetch.
		return nil, fmt.Errorf("%s@%s is not a manifest reference (%v): %w", repository, digest, err, ErrNotFound)
	}
	rt, err := c.authenticated(ctx, ref.Context())
	if err != nil {
		return nil, err
	}
	desc, err := remote.Get(ref, remote.WithTransport(rt), remote.WithContext(ctx))
	if err != nil {
		return nil, c.wrap("GET", "/v2/"+repository+"/manifests/"+digest, repository, err)
	}
	c.stats.Fetched.Add(1)
	m, err := parseManifest(digest, string(desc.MediaType), desc.Manifest)
	if err != nil {
		return nil, err
	}
	_ = c.disk.put(digest, m.MediaType, desc.Manifest) // a failed write costs a fetch next run
	return m, nil
}

func (c *Client) nameOptions() []name.Option {
	if c.registry.Scheme() == "http" {
		return []name.Option{name.Insecure}
	}
	return nil
}

// authenticated is the transport for one repository: the registry's
// challenge followed once (ping, then a token of scope
// repository:REPO:pull), then reused for every manifest of the repository.
func (c *Client) authenticated(ctx context.Context, repo name.Repository) (http.RoundTripper, error) {
	key := repo.RepositoryStr()
	c.mu.Lock()
	a, seen := c.repos[key]
	if !seen {
		a = &repoAuth{done: make(chan struct{})}
		c.repos[key] = a
	}
	c.mu.Unlock()
	if seen {
		select {
		case <-a.done:
			return a.rt, a.err
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	c.stats.Handshakes.Add(1)
	scope := repo.Scope(transport.PullScope)
	a.rt, a.err = transport.NewWithContext(ctx, c.registry, c.auth, c.transport, []string{scope})
	if a.err != nil {
		a.err = c.wrap("token exchange for", scope, key, a.err)
		if ctx.Err() != nil {
			c.mu.Lock()
			delete(c.repos, key)
			c.mu.Unlock()
		}
	}
	close(a.done)
	return a.rt, a.err
}
