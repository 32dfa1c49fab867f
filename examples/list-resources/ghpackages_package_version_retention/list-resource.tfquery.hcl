# terraform query (Terraform 1.14+) lists the active versions of the image;
# terraform query -generate-config-out=adopt.tf writes an import block and a
# resource block for each, which adopt them without a change on GitHub.
list "ghpackages_package_version_retention" "app" {
  provider = ghpackages

  config {
    org          = "acme"
    package_type = "container"
    package_name = "team/app"
  }
}

# Only the untagged images, newest first, at most 20.
list "ghpackages_package_version_retention" "untagged" {
  provider = ghpackages
  limit    = 20

  config {
    org          = "acme"
    package_type = "container"
    package_name = "web"
    tagged       = false
  }
}
