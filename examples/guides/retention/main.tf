# A retention policy for an image: the policy decides, the retention
# resources act. Each kept version has a resource; a version that the policy
# stops keeping loses its resource, and destroying that deletes the version.

variable "keep_newest_tagged" {
  description = "How many of the newest tagged images to keep."
  type        = number
  default     = 10
}

variable "adopt_all" {
  description = "Apply once with true to bring the versions the policy does not keep under it (adopting changes nothing on GitHub); the next apply with false deletes them."
  type        = bool
  default     = false
}

data "ghpackages_retention_policy" "app" {
  org          = "acme"
  package_type = "container"
  package_name = "web/app"

  keep_newest_tagged = var.keep_newest_tagged
  keep_tags          = ["^v?\\d+\\.\\d+\\.\\d+$", "^prod-"] # releases and production builds, forever
  keep_newer_than    = "14d"                                # and whatever is younger than two weeks
}

locals {
  policy = data.ghpackages_retention_policy.app

  # The for_each set, computed once: Terraform evaluates a resource's
  # for_each expression again for each of its instances, which adds up with
  # hundreds of kept versions.
  keep = toset([for id in concat(local.policy.keep_ids, var.adopt_all ? local.policy.delete_ids : []) : tostring(id)])
}

# One instance per kept version, keyed by version id. Creating an instance
# adopts the version (no change on GitHub); when a version leaves keep_ids,
# its instance is destroyed and the version is deleted.
resource "ghpackages_package_version_retention" "keep" {
  for_each = local.keep

  org                = "acme"
  package_type       = "container"
  package_name       = "web/app"
  package_version_id = each.value
}

# Why each version is kept, and what the policy would delete.
output "kept" {
  value = local.policy.kept
}

output "delete_ids" {
  value = local.policy.delete_ids
}
