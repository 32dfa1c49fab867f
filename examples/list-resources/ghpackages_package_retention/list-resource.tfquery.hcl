# terraform query (Terraform 1.14+) lists the organization's public container
# images, with each one's state (include_resource).
list "ghpackages_package_retention" "public_images" {
  provider         = ghpackages
  include_resource = true

  config {
    org          = "acme"
    package_type = "container"
    visibility   = "public"
  }
}
