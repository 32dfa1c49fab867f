# Import ID forms: orgs/ORG/TYPE/NAME/VERSION_ID, users/USER/TYPE/NAME/VERSION_ID
# or user/TYPE/NAME/VERSION_ID (the token's own account).
import {
  to = ghpackages_package_version_retention.release
  id = "orgs/acme/container/team/app/3200000011"
}
