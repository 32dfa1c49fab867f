package registry

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
)

// DefaultCacheDir is where manifests are cached across runs:
// os.UserCacheDir()/ghpackages-provider/manifests, or "" when the system has
// no user cache directory (the disk cache is then off).
func DefaultCacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "ghpackages-provider", "manifests")
}

// diskCache keeps manifests by digest: DIR/sha256/HEX holds the media type,
// a newline, then the manifest's bytes exactly as the registry sent them.
// An entry whose bytes do not hash to its name is ignored (and fetched
// again), so a torn write or a tampered file is never believed.
type diskCache struct {
	dir string
}

func (c *diskCache) path(digest string) (string, bool) {
	algo, hexSum, ok := strings.Cut(digest, ":")
	if !ok || algo != "sha256" || len(hexSum) != 64 || strings.ContainsAny(hexSum, `/\.`) {
		return "", false
	}
	return filepath.Join(c.dir, algo, hexSum), true
}

// get returns the media type and bytes of digest, ok false when absent.
func (c *diskCache) get(digest string) (mediaType string, raw []byte, ok bool) {
	if c == nil {
		return "", nil, false
	}
	p, valid := c.path(digest)
	if !valid {
		return "", nil, false
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return "", nil, false
	}
	mt, body, found := strings.Cut(string(data), "\n")
	if !found || sha256Digest([]byte(body)) != digest {
		return "", nil, false
	}
	return mt, []byte(body), true
}

// put stores a manifest; failures only cost a fetch next run.
func (c *diskCache) put(digest, mediaType string, raw []byte) error {
	if c == nil {
		return nil
	}
	p, valid := c.path(digest)
	if !valid || sha256Digest(raw) != digest || strings.Contains(mediaType, "\n") {
		return errors.New("not a sha256 content-addressed manifest")
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(append([]byte(mediaType+"\n"), raw...))
	cerr := tmp.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp.Name())
		return errors.Join(werr, cerr)
	}
	return os.Rename(tmp.Name(), p)
}

func sha256Digest(b []byte) string {
	sum := sha256.Sum256(b)
	return "sha256:" + hex.EncodeToString(sum[:])
}
