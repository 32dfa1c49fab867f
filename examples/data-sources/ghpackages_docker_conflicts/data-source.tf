# Images of the old docker.pkg.github.com registry whose move to ghcr.io is
# blocked by an existing package of the same name.
data "ghpackages_docker_conflicts" "acme" {
  org = "acme"
}

output "blocked_migrations" {
  value = [for p in data.ghpackages_docker_conflicts.acme.packages : "${p.owner}/${p.name}"]
}
