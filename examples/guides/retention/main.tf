# Keep the newest versions of an image, and a few releases forever.

variable "keep" {
  description = "How many of the newest versions to keep."
  type        = number
  default     = 10
}

locals {
  # Releases that must never be deleted, whatever keep says.
  pinned = [3300000104]
}

data "ghpackages_versions" "app" {
  org          = "acme"
  package_type = "container"
  package_name = "web/app"
}

locals {
  ids    = data.ghpackages_versions.app.ids # newest first
  window = slice(local.ids, 0, min(var.keep, length(local.ids)))
}

# One instance per version in the window, keyed by version id. Creating an
# instance adopts the version (no change on GitHub); when a version leaves
# the window (keep went down, or newer versions were pushed), its instance
# is destroyed and the version is deleted.
resource "ghpackages_package_version_retention" "window" {
  for_each = toset([for id in local.window : tostring(id) if !contains(local.pinned, id)])

  org                = "acme"
  package_type       = "container"
  package_name       = "web/app"
  package_version_id = each.value
}

# Pinned versions have resources of their own: any plan that would delete
# one of them fails.
resource "ghpackages_package_version_retention" "pinned" {
  for_each = toset([for id in local.pinned : tostring(id)])

  org                = "acme"
  package_type       = "container"
  package_name       = "web/app"
  package_version_id = each.value

  lifecycle {
    prevent_destroy = true
  }
}
