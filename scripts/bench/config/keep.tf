# Adopt (and later destroy) the versions of acme/npm/mid whose ids are given.
variable "ids" { type = list(number) }

resource "ghpackages_package_version_retention" "keep" {
  for_each           = toset([for id in var.ids : tostring(id)])
  org                = "acme"
  package_type       = "npm"
  package_name       = "mid"
  package_version_id = each.value
}
