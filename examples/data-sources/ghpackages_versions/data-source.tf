data "ghpackages_versions" "web" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
}

# Versions deleted in the last 30 days, which can still be restored.
data "ghpackages_versions" "web_deleted" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
  state        = "deleted"
}

# The newest version first, as GitHub lists them.
output "latest_digest" {
  value = data.ghpackages_versions.web.versions[0].name
}

# Untagged image versions, for example to review before cleaning them up.
output "untagged_ids" {
  value = [for v in data.ghpackages_versions.web.versions : v.id if length(v.tags) == 0]
}

output "restorable_ids" {
  value = data.ghpackages_versions.web_deleted.ids
}
