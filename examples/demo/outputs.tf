output "registry" {
  description = "The owner's packages by type, with their visibility and number of active versions."
  value = {
    for type, d in data.ghpackages_packages.registry : type => {
      for p in d.packages : p.name => "${p.visibility}, ${p.version_count} versions"
    } if length(d.packages) > 0
  }
}

output "my_packages" {
  description = "Packages of the token's own account."
  value       = data.ghpackages_packages.mine.packages[*].name
}

output "package" {
  description = "The package the retention policy manages."
  value = {
    name          = data.ghpackages_package.this.name
    visibility    = data.ghpackages_package.this.visibility
    repository    = data.ghpackages_package.this.repository
    version_count = data.ghpackages_package.this.version_count
  }
}

output "newest_version" {
  description = "The newest active version."
  value = one([for v in data.ghpackages_version.newest : {
    id   = v.id
    name = v.name
    tags = v.tags
  }])
}

output "versions" {
  description = "Active versions, newest first, as read when this run planned: \"id: tags\"."
  value       = [for v in data.ghpackages_versions.active.versions : "${v.id}: ${length(v.tags) > 0 ? join(", ", v.tags) : "(untagged)"}"]
}

output "restorable_versions" {
  description = "Versions deleted in the last 30 days, as read when this run planned: \"id: tags\"."
  value       = [for v in data.ghpackages_versions.deleted.versions : "${v.id}: ${length(v.tags) > 0 ? join(", ", v.tags) : "(untagged)"}"]
}

output "policy" {
  description = "The retention policy as read when this run planned: why each version is kept, and what no rule keeps."
  value = {
    kept       = data.ghpackages_retention_policy.this.kept
    delete_ids = data.ghpackages_retention_policy.this.delete_ids
    summary    = "${data.ghpackages_retention_policy.this.kept_count} of ${data.ghpackages_retention_policy.this.total} versions kept"
  }
}

output "kept" {
  description = "Versions the retention resources keep: id => tags."
  value       = { for id, r in ghpackages_package_version_retention.window : id => length(r.tags) > 0 ? join(", ", r.tags) : "(untagged)" }
}

output "restored" {
  description = "The restored version, if any."
  value       = one([for r in ghpackages_package_version_retention.restored : "${r.package_version_id} (${join(", ", r.tags)})"])
}

output "docker_conflicts" {
  description = "Images whose migration from docker.pkg.github.com to ghcr.io is blocked."
  value       = [for p in data.ghpackages_docker_conflicts.this.packages : "${p.owner}/${p.name}"]
}
