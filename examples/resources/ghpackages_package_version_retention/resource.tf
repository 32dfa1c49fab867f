# Keep one image version. If it was deleted (within the last 30 days),
# creating the resource restores it; destroying the resource deletes it.
resource "ghpackages_package_version_retention" "release" {
  org                = "acme"
  package_type       = "container"
  package_name       = "team/app" # names may contain "/"
  package_version_id = 3200000011
}

# Keep the three newest versions of a package. When CI pushes a new one, the
# next apply deletes the version the policy no longer keeps, and only that
# one: each instance is keyed by its version id.
data "ghpackages_retention_policy" "ci_cache" {
  org          = "acme"
  package_type = "container"
  package_name = "ci-cache"
  keep_newest  = 3
}

resource "ghpackages_package_version_retention" "newest" {
  for_each = toset([for id in data.ghpackages_retention_policy.ci_cache.keep_ids : tostring(id)])

  org                = "acme"
  package_type       = "container"
  package_name       = "ci-cache"
  package_version_id = tonumber(each.key)
}

# A version of a package of the token's own account: neither org nor user.
resource "ghpackages_package_version_retention" "dotfiles" {
  package_type       = "container"
  package_name       = "dotfiles"
  package_version_id = 3200000101

  # GitHub never deletes the last version of a package; keep it from being
  # destroyed by mistake.
  lifecycle {
    prevent_destroy = true
  }
}
