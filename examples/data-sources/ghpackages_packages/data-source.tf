# Every container image of an organization.
data "ghpackages_packages" "images" {
  org          = "acme"
  package_type = "container"
}

# Only the public npm packages of the token's own account (no org, no user).
data "ghpackages_packages" "my_public_npm" {
  package_type = "npm"
  visibility   = "public"
}

output "image_names" {
  value = data.ghpackages_packages.images.packages[*].name
}

# Images linked to no repository: nobody's repository settings govern them.
output "unlinked_images" {
  value = [for p in data.ghpackages_packages.images.packages : p.name if p.repository == null]
}
