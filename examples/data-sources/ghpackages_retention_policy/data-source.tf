# Keep the 2 newest tagged images, every release and everything younger than
# a week; the other versions are marked for deletion. Nothing is deleted
# here: see the guide for the retention resources that act on keep_ids.
data "ghpackages_retention_policy" "web" {
  org          = "acme"
  package_type = "container"
  package_name = "web"

  keep_newest_tagged = 2
  keep_tags          = ["^v?\\d+\\.\\d+\\.\\d+$"]
  keep_newer_than    = "7d"
}

# Why each version is kept, such as
# "3200000004" = "newest 2 tagged; younger than 7d; tag 2.0.0 matches ^v?\d+\.\d+\.\d+$".
output "kept" {
  value = data.ghpackages_retention_policy.web.kept
}

output "delete_ids" {
  value = data.ghpackages_retention_policy.web.delete_ids
}

output "summary" {
  value = "${data.ghpackages_retention_policy.web.kept_count} of ${data.ghpackages_retention_policy.web.total} versions kept"
}

# npm, maven, nuget and rubygems versions have names, not tags; `now` fixes
# the reference time of keep_newer_than so that a plan can be reproduced.
data "ghpackages_retention_policy" "client_lib" {
  org          = "acme"
  package_type = "npm"
  package_name = "client-lib"

  keep_names       = ["^2\\."]
  keep_newest      = 1
  keep_version_ids = [] # ids of versions to keep whatever the other rules say
  now              = "2025-06-01T00:00:00Z"
}
