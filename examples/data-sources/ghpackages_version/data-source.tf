# A version of an npm package of the token's own account (no org, no user).
data "ghpackages_version" "hello" {
  package_type       = "npm"
  package_name       = "hello-npm"
  package_version_id = 3200000112
}

# The tags of an image version.
data "ghpackages_version" "web" {
  org                = "acme"
  package_type       = "container"
  package_name       = "web"
  package_version_id = 3200000004
}

output "hello_npm" {
  value = "${data.ghpackages_version.hello.name} (${coalesce(data.ghpackages_version.hello.license, "no license")})"
}

output "web_tags" {
  value = data.ghpackages_version.web.tags
}
