# A container image whose name contains a slash.
data "ghpackages_package" "app" {
  org          = "acme"
  package_type = "container"
  package_name = "team/app"
}

# A package of another user.
data "ghpackages_package" "hubot_image" {
  user         = "hubot"
  package_type = "container"
  package_name = "hubot-image"
}

output "app" {
  value = {
    id            = data.ghpackages_package.app.id
    visibility    = data.ghpackages_package.app.visibility
    version_count = data.ghpackages_package.app.version_count
    page          = data.ghpackages_package.app.html_url
  }
}
