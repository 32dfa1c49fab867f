# Keep a package. If it was deleted (within the last 30 days, and no new
# package has taken its name since), creating the resource restores it;
# destroying the resource deletes the package with all its versions.
resource "ghpackages_package_retention" "web" {
  org          = "acme"
  package_type = "container"
  package_name = "web"
}

# A package of a named user.
resource "ghpackages_package_retention" "hubot_image" {
  user         = "hubot"
  package_type = "container"
  package_name = "hubot-image"
}

# A package of the token's own account: neither org nor user.
resource "ghpackages_package_retention" "gem" {
  package_type = "rubygems"
  package_name = "octo-gem"
}

output "web_versions" {
  value = ghpackages_package_retention.web.version_count
}
