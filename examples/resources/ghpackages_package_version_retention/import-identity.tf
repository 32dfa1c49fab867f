# Terraform 1.12 and later. Leave out org and user for a package of the
# token's own account.
import {
  to = ghpackages_package_version_retention.release
  identity = {
    org                = "acme"
    package_type       = "container"
    package_name       = "team/app"
    package_version_id = 3200000011
  }
}
