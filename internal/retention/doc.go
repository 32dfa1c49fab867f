// Package retention decides which versions of a package a retention policy
// keeps and which it deletes. It is pure: no Terraform, no HTTP. Its input is
// the versions as GitHub lists them, a set of keep rules and the reference
// time; its output is the ids to keep and to delete, newest first, and why
// each kept version is kept.
//
// The rules keep: a version is kept when at least one rule keeps it, and is
// deleted otherwise. Two guarantees hold whatever the rules say:
//
//   - what a kept version needs is kept with it (the Companions seam, for
//     multi-arch images: an image index and its platform manifests);
//   - the package's last remaining version is never deleted, because GitHub
//     refuses to delete it.
//
// The data source ghpackages_retention_policy evaluates rules with this
// package; so can anything else that needs to split versions into keep and
// delete.
package retention
