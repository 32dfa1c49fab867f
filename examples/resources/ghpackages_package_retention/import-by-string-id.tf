# Import ID forms: orgs/ORG/TYPE/NAME, users/USER/TYPE/NAME or user/TYPE/NAME
# (the token's own account).
import {
  to = ghpackages_package_retention.web
  id = "orgs/acme/container/web"
}
