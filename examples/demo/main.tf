# Demo: read a registry, apply a retention policy to one package (with the
# reason each version is kept), restore a deleted version. `make demo` runs it against the project's fake GitHub; the
# same configuration runs against github.com or GitHub Enterprise Server.

terraform {
  required_version = ">= 1.5"

  required_providers {
    ghpackages = {
      source = "ghpackages/ghpackages"
    }
  }
}

# The token comes from GITHUB_TOKEN, GH_TOKEN or `gh auth token`: keep it out
# of configuration files.
provider "ghpackages" {
  base_url = var.base_url
}

# ---------------------------------------------------------------- reading

# The owner's registry: its packages of every type.
data "ghpackages_packages" "registry" {
  for_each = toset(["container", "docker", "maven", "npm", "nuget", "rubygems"])

  org          = var.org
  user         = var.user
  package_type = each.key
}

# Packages of the token's own account.
data "ghpackages_packages" "mine" {
  package_type = var.package_type
}

data "ghpackages_package" "this" {
  org          = var.org
  user         = var.user
  package_type = var.package_type
  package_name = var.package_name
}

# Active versions, newest first.
data "ghpackages_versions" "active" {
  org          = var.org
  user         = var.user
  package_type = var.package_type
  package_name = var.package_name
}

# Versions deleted in the last 30 days: they can still be restored.
data "ghpackages_versions" "deleted" {
  org          = var.org
  user         = var.user
  package_type = var.package_type
  package_name = var.package_name
  state        = "deleted"
}

data "ghpackages_version" "newest" {
  count = length(data.ghpackages_versions.active.ids) > 0 ? 1 : 0

  org                = var.org
  user               = var.user
  package_type       = var.package_type
  package_name       = var.package_name
  package_version_id = data.ghpackages_versions.active.ids[0]
}

# Images of the old docker.pkg.github.com registry whose move to ghcr.io is
# blocked by a package of the same name.
data "ghpackages_docker_conflicts" "this" {
  org  = var.org
  user = var.user
}

# ------------------------------------------------------- retention policy

# The policy: the var.keep newest versions, and versions with a tag that
# var.keep_tags matches. Its `kept` says why each version is kept.
data "ghpackages_retention_policy" "this" {
  org          = var.org
  user         = var.user
  package_type = var.package_type
  package_name = var.package_name

  keep_newest = var.keep
  keep_tags   = var.keep_tags
}

locals {
  # The version to restore, found by its tag among the deleted and the
  # active versions, so that it stays the same version once restored.
  restore_ids = var.restore_tag == null ? [] : distinct([
    for v in concat(data.ghpackages_versions.deleted.versions, data.ghpackages_versions.active.versions) :
    v.id if contains(v.tags, var.restore_tag)
  ])
}

# One resource per version the policy keeps: creating adopts an active
# version without a change on GitHub. A version the policy stops keeping (keep
# went down, or newer versions were published) loses its resource, and
# destroying that deletes the version on GitHub. The restored version has a
# resource of its own below, so it is left out here.
resource "ghpackages_package_version_retention" "window" {
  for_each = toset([for id in data.ghpackages_retention_policy.this.keep_ids : tostring(id) if !contains(local.restore_ids, id)])

  org                = var.org
  user               = var.user
  package_type       = var.package_type
  package_name       = var.package_name
  package_version_id = each.value
}

# Restores a deleted version (creating the resource restores it) and keeps
# it for as long as the resource exists.
resource "ghpackages_package_version_retention" "restored" {
  count = length(local.restore_ids) > 0 ? 1 : 0

  org                = var.org
  user               = var.user
  package_type       = var.package_type
  package_name       = var.package_name
  package_version_id = local.restore_ids[0]
}
