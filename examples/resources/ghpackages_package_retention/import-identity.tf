# Terraform 1.12 and later. Leave out org and user for a package of the
# token's own account.
import {
  to = ghpackages_package_retention.web
  identity = {
    org          = "acme"
    package_type = "container"
    package_name = "web"
  }
}
