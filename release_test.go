package main

// The release configuration is only exercised when a tag is pushed, so a
// mistake in it would surface at the worst moment. These tests check, on
// every test run, what the Terraform Registry relies on: the archive, binary,
// checksum, manifest and signature names, the platforms, and that the
// ldflags set variables that main really declares. (`goreleaser check`
// validates the whole schema, but building goreleaser takes longer than
// CI's whole test run.)

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type goreleaserConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Builds      []struct {
		Env          []string `yaml:"env"`
		ModTimestamp string   `yaml:"mod_timestamp"`
		Flags        []string `yaml:"flags"`
		Ldflags      []string `yaml:"ldflags"`
		Goos         []string `yaml:"goos"`
		Goarch       []string `yaml:"goarch"`
		Ignore       []struct {
			Goos   string `yaml:"goos"`
			Goarch string `yaml:"goarch"`
		} `yaml:"ignore"`
		Binary string `yaml:"binary"`
	} `yaml:"builds"`
	Archives []struct {
		Formats      []string `yaml:"formats"`
		NameTemplate string   `yaml:"name_template"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string      `yaml:"name_template"`
		Algorithm    string      `yaml:"algorithm"`
		ExtraFiles   []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Signs []struct {
		Artifacts string   `yaml:"artifacts"`
		Args      []string `yaml:"args"`
	} `yaml:"signs"`
	Release struct {
		GitHub struct {
			Owner string `yaml:"owner"`
			Name  string `yaml:"name"`
		} `yaml:"github"`
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
	Changelog struct {
		Disable bool `yaml:"disable"`
	} `yaml:"changelog"`
}

type extraFile struct {
	Glob         string `yaml:"glob"`
	NameTemplate string `yaml:"name_template"`
}

const (
	projectName      = "terraform-provider-ghpackages"
	manifestFile     = "terraform-registry-manifest.json"
	manifestTemplate = "{{ .ProjectName }}_{{ .Version }}_manifest.json"
)

func loadGoreleaser(t *testing.T) goreleaserConfig {
	t.Helper()
	data, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg goreleaserConfig
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	// Unknown keys are errors, so that a misspelt key fails here rather than
	// at release time. A key added on purpose needs a field above.
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil {
		t.Fatalf(".goreleaser.yml: %v", err)
	}
	return cfg
}

func TestGoreleaserConfig(t *testing.T) {
	cfg := loadGoreleaser(t)

	if cfg.Version != 2 {
		t.Errorf("version = %d, want 2 (goreleaser v2 configuration)", cfg.Version)
	}
	if cfg.ProjectName != projectName {
		t.Errorf("project_name = %q, want %q: the registry finds providers by this name", cfg.ProjectName, projectName)
	}
	if cfg.Release.GitHub.Owner != "ghpackages" || cfg.Release.GitHub.Name != projectName {
		t.Errorf("release.github = %s/%s, want ghpackages/%s", cfg.Release.GitHub.Owner, cfg.Release.GitHub.Name, projectName)
	}

	if len(cfg.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(cfg.Builds))
	}
	b := cfg.Builds[0]
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("builds[0].env = %q, want CGO_ENABLED=0", b.Env)
	}
	if !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("builds[0].flags = %q, want -trimpath", b.Flags)
	}
	if b.Binary != "{{ .ProjectName }}_v{{ .Version }}" {
		t.Errorf("builds[0].binary = %q: the registry wants terraform-provider-NAME_vVERSION", b.Binary)
	}
	for _, goos := range []string{"freebsd", "windows", "linux", "darwin"} {
		if !slices.Contains(b.Goos, goos) {
			t.Errorf("builds[0].goos lacks %s", goos)
		}
	}
	for _, arch := range []string{"amd64", "386", "arm", "arm64"} {
		if !slices.Contains(b.Goarch, arch) {
			t.Errorf("builds[0].goarch lacks %s", arch)
		}
	}
	ldflags := strings.Join(b.Ldflags, " ")
	for _, want := range []string{"-s", "-w"} {
		if !slices.Contains(strings.Fields(ldflags), want) {
			t.Errorf("builds[0].ldflags = %q, want %s", ldflags, want)
		}
	}
	if !strings.Contains(ldflags, "-X main.version={{.Version}}") {
		t.Errorf("builds[0].ldflags = %q, want -X main.version={{.Version}}", ldflags)
	}

	if len(cfg.Archives) != 1 || !slices.Equal(cfg.Archives[0].Formats, []string{"zip"}) ||
		cfg.Archives[0].NameTemplate != "{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}" {
		t.Errorf("archives = %+v, want one zip archive named {{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}", cfg.Archives)
	}

	if cfg.Checksum.NameTemplate != "{{ .ProjectName }}_{{ .Version }}_SHA256SUMS" || cfg.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum = %q (%s), want {{ .ProjectName }}_{{ .Version }}_SHA256SUMS with sha256", cfg.Checksum.NameTemplate, cfg.Checksum.Algorithm)
	}
	wantManifest := []extraFile{{Glob: manifestFile, NameTemplate: manifestTemplate}}
	if !slices.Equal(cfg.Checksum.ExtraFiles, wantManifest) {
		t.Errorf("checksum.extra_files = %+v, want %+v", cfg.Checksum.ExtraFiles, wantManifest)
	}
	if !slices.Equal(cfg.Release.ExtraFiles, wantManifest) {
		t.Errorf("release.extra_files = %+v, want %+v", cfg.Release.ExtraFiles, wantManifest)
	}

	if len(cfg.Signs) != 1 {
		t.Fatalf("%d signs, want 1", len(cfg.Signs))
	}
	s := cfg.Signs[0]
	if s.Artifacts != "checksum" {
		t.Errorf("signs[0].artifacts = %q, want checksum (the registry verifies the signature of SHA256SUMS)", s.Artifacts)
	}
	args := strings.Join(s.Args, " ")
	for _, want := range []string{"--batch", "--local-user {{ .Env.GPG_FINGERPRINT }}", "--detach-sign"} {
		if !strings.Contains(args, want) {
			t.Errorf("signs[0].args = %q, want %q", args, want)
		}
	}
}

// TestGoreleaserLdflagsSetDeclaredVariables: -X on a variable that does not
// exist is silently ignored by the linker, and the released provider would
// report version "dev".
func TestGoreleaserLdflagsSetDeclaredVariables(t *testing.T) {
	cfg := loadGoreleaser(t)
	vars := packageMainStringVars(t)
	x := regexp.MustCompile(`-X\s+([^=\s]+)=`)
	found := 0
	for _, b := range cfg.Builds {
		for _, l := range b.Ldflags {
			for _, m := range x.FindAllStringSubmatch(l, -1) {
				found++
				name, ok := strings.CutPrefix(m[1], "main.")
				if !ok || !vars[name] {
					t.Errorf("ldflags set %s, but package main declares no string variable %q", m[1], strings.TrimPrefix(m[1], "main."))
				}
			}
		}
	}
	if found == 0 {
		t.Error("ldflags set no variable: the released provider would report version \"dev\"")
	}
}

// packageMainStringVars lists the package-level string variables of main.go.
func packageMainStringVars(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, spec := range g.Specs {
			vs := spec.(*ast.ValueSpec)
			for i, n := range vs.Names {
				isString := false
				if id, ok := vs.Type.(*ast.Ident); ok && id.Name == "string" {
					isString = true
				}
				if vs.Type == nil && i < len(vs.Values) {
					if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
						isString = true
					}
				}
				if isString {
					vars[n.Name] = true
				}
			}
		}
	}
	return vars
}

// TestRegistryManifest: the manifest tells the registry which plugin
// protocol the provider speaks; it must match what main serves.
func TestRegistryManifest(t *testing.T) {
	data, err := os.ReadFile(manifestFile)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("%s: %v", manifestFile, err)
	}
	if m.Version != 1 {
		t.Errorf("%s: version = %d, want 1", manifestFile, m.Version)
	}

	f, err := parser.ParseFile(token.NewFileSet(), "main.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	served := ""
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "ProtocolVersion" {
			if lit, ok := kv.Value.(*ast.BasicLit); ok && lit.Kind == token.INT {
				served = lit.Value
			}
		}
		return true
	})
	if served == "" {
		t.Fatal("main.go: found no ProtocolVersion in the providerserver.ServeOpts")
	}
	want := []string{served + ".0"}
	if _, err := strconv.Atoi(served); err != nil || !slices.Equal(m.Metadata.ProtocolVersions, want) {
		t.Errorf("%s: protocol_versions = %q, but main.go serves protocol %s", manifestFile, m.Metadata.ProtocolVersions, served)
	}
}
