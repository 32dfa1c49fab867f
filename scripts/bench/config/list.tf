# List 10,000 versions (acme/npm/big of seed.json).
data "ghpackages_versions" "big" {
  org          = "acme"
  package_type = "npm"
  package_name = "big"
}

output "versions" { value = length(data.ghpackages_versions.big.versions) }
