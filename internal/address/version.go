package address

import "fmt"

// Version is one version of a package. GitHub's version ids are 64-bit: real
// ids are already above 2^31.
type Version struct {
	Package Package
	ID      int64
}

// Path is the API path of the version, relative to the API base URL.
func (v Version) Path() string {
	return fmt.Sprintf("%s/versions/%d", v.Package.Path(), v.ID)
}

// ImportID is the import ID of the version: the package's ID followed by
// "/VERSION_ID".
func (v Version) ImportID() string {
	return fmt.Sprintf("%s/%d", v.Package.ImportID(), v.ID)
}

// String describes the version for people, as used in diagnostics.
func (v Version) String() string {
	return fmt.Sprintf("version %d of %s", v.ID, v.Package)
}

// Noun names what a version is, for diagnostics.
func (v Version) Noun() string { return "package version" }

// PackageType is the type of the version's package.
func (v Version) PackageType() string { return v.Package.Type }

// OtherRegistryType is the package's; see Package.OtherRegistryType.
func (v Version) OtherRegistryType() string { return v.Package.OtherRegistryType() }
