package fakegithub

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
)

// Seed is the initial state of a fake: who owns which packages and which
// tokens exist. It can be written in Go or loaded from JSON (LoadSeed).
type Seed struct {
	Owners []SeedOwner `json:"owners"`
	Tokens []SeedToken `json:"tokens"`
}

// SeedOwner is an organization or a user account.
type SeedOwner struct {
	Login string `json:"login"`
	// ID is the account's numeric id; 0 picks one.
	ID int64 `json:"id"`
	// Type is "Organization" or "User" (the default).
	Type string `json:"type"`
	// Members are the user logins allowed to see and manage an
	// organization's private packages.
	Members  []string      `json:"members"`
	Packages []SeedPackage `json:"packages"`
}

// SeedPackage is one package of an owner.
type SeedPackage struct {
	// ID is the package id; 0 picks one.
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Type is one of npm, maven, rubygems, docker, nuget, container.
	Type string `json:"type"`
	// Visibility is "public" or "private" (the default).
	Visibility string `json:"visibility"`
	// Repository is "owner/repo", or "" for a package linked to no repository.
	Repository string `json:"repository"`
	// DockerConflict lists the package under docker/conflicts.
	DockerConflict bool    `json:"docker_conflict"`
	CreatedDaysAgo float64 `json:"created_days_ago"`
	// DeletedDaysAgo, when set, makes the package deleted that long ago.
	DeletedDaysAgo *float64      `json:"deleted_days_ago"`
	Versions       []SeedVersion `json:"versions"`
	// GenerateVersions synthesizes that many extra versions, older than the
	// listed ones, for pagination tests.
	GenerateVersions int `json:"generate_versions"`
}

// SeedVersion is one version of a package.
type SeedVersion struct {
	// ID is the version id; 0 picks one above 2^31, as real ids are.
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Tags are the container or docker tags of the version.
	Tags []string `json:"tags"`
	// Downloads only matters for the rule that public versions with more
	// than 5000 downloads cannot be deleted; the API does not show it.
	Downloads      int64    `json:"downloads"`
	CreatedDaysAgo float64  `json:"created_days_ago"`
	DeletedDaysAgo *float64 `json:"deleted_days_ago"`
	License        string   `json:"license"`
	Description    string   `json:"description"`
	// Key names the version within its package for Manifest references.
	Key string `json:"key"`
	// Manifest, for a container version, is what the registry side serves
	// for it; the version's name becomes the manifest's digest.
	Manifest *SeedManifest `json:"manifest"`
}

// SeedToken is an access token the fake accepts.
type SeedToken struct {
	Token string `json:"token"`
	// Login is the user the token belongs to; an unknown login becomes a
	// user account without packages.
	Login  string   `json:"login"`
	Scopes []string `json:"scopes"`
	// Kind is "classic" (the default), "app" (a GitHub App installation
	// token) or "actions" (an Actions GITHUB_TOKEN).
	Kind string `json:"kind"`
}

// Token kinds.
const (
	KindClassic = "classic"
	KindApp     = "app"
	KindActions = "actions"
)

// LoadSeed reads a Seed from a JSON file.
func LoadSeed(path string) (Seed, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Seed{}, err
	}
	var seed Seed
	dec := json.NewDecoder(bytes.NewReader(data))
	// A misspelt field would otherwise silently seed something else.
	dec.DisallowUnknownFields()
	if err := dec.Decode(&seed); err != nil {
		return Seed{}, fmt.Errorf("fakegithub: parsing seed %s: %w", path, err)
	}
	return seed, nil
}
