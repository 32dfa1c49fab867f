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

# A multi-arch image: with manifests = true each version also says what it
# is (index, image, attestation, signature), its platform, and which index
# references it, read from the container registry.
data "ghpackages_versions" "app" {
  org          = "imagesmith"
  package_type = "container"
  package_name = "app"
  manifests    = true
}

# Untagged versions that no index references and that sign nothing: the
# ones that are safe to clean up.
output "stray_ids" {
  value = [
    for v in data.ghpackages_versions.app.versions : v.id
    if length(v.tags) == 0 && length(v.parent_ids) == 0 && v.subject_id == null && v.kind != "index"
  ]
}

# The platforms of each tagged index.
output "platforms" {
  value = {
    for v in data.ghpackages_versions.app.versions : join(",", v.tags) => [
      for c in data.ghpackages_versions.app.versions : c.platform if contains(v.child_ids, c.id) && c.kind == "image"
    ] if v.kind == "index" && length(v.tags) > 0
  }
}
