package address

import (
	"fmt"
	"net/url"
)

// PackageTypes are the values GitHub accepts for package_type, in the order of
// GitHub's documentation. Gradle packages have type maven.
var PackageTypes = []string{"npm", "maven", "rubygems", "docker", "nuget", "container"}

// Visibilities are the values the list-packages `visibility` filter accepts.
var Visibilities = []string{"public", "private", "internal"}

// VersionStates are the values the list-versions `state` filter accepts.
var VersionStates = []string{"active", "deleted"}

// Package is one package of an owner.
type Package struct {
	Owner Owner
	Type  string
	// Name may contain "/" (a container image such as "team/app").
	Name string
}

// Path is the API path of the package, relative to the API base URL, with the
// name escaped as one path segment ("team/app" -> "team%2Fapp"): GitHub answers
// "Package not found" when the slash is sent as a separator.
func (p Package) Path() string {
	return fmt.Sprintf("%s/packages/%s/%s", p.Owner.PathPrefix(), p.Type, url.PathEscape(p.Name))
}

// ImportID is the import ID of the package: orgs/ORG/TYPE/NAME,
// users/USER/TYPE/NAME or user/TYPE/NAME. NAME is written as is, slashes
// included. (Version.ImportID is the same for a version; GitHub's numeric
// ids are ghclient.Package.ID and Version.ID.)
func (p Package) ImportID() string {
	return fmt.Sprintf("%s/%s/%s", p.Owner.PathPrefix(), p.Type, p.Name)
}

// String describes the package for people, as used in diagnostics.
func (p Package) String() string {
	return fmt.Sprintf("%s package %q of %s", p.Type, p.Name, p.Owner)
}

// Noun names what a package is, for diagnostics.
func (p Package) Noun() string { return "package" }

// PackageType is the package's type.
func (p Package) PackageType() string { return p.Type }

// OtherRegistryType returns the type users most often confuse with this one:
// images pushed to ghcr.io are "container", images of the old
// docker.pkg.github.com registry are "docker". Empty for the other types.
func (p Package) OtherRegistryType() string {
	switch p.Type {
	case "docker":
		return "container"
	case "container":
		return "docker"
	default:
		return ""
	}
}
