# Prune the image web once: keep the 10 newest versions, anything tagged like a
# release, and what the retention window below keeps; delete at most 200.
#   terraform plan  -invoke=action.ghpackages_delete_package_versions.prune  # preview
#   terraform apply -invoke=action.ghpackages_delete_package_versions.prune  # delete
action "ghpackages_delete_package_versions" "prune" {
  config {
    org              = "acme"
    package_type     = "container"
    package_name     = "web"
    keep_newest      = 10
    keep_tags        = ["^v\\d+\\.\\d+\\.\\d+$"]
    keep_version_ids = [for v in ghpackages_package_version_retention.pinned : v.package_version_id]
    max_deletions    = 200
  }
}

resource "ghpackages_package_version_retention" "pinned" {
  for_each = toset(["3200000003"])

  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = each.value
}
