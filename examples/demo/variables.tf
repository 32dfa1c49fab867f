# The demo's knobs. `make demo` sets them for the local fake GitHub; against
# real GitHub, pass your own with -var (see the README).

variable "base_url" {
  description = "GitHub REST API root; null means GITHUB_BASE_URL, else https://api.github.com/. A GitHub Enterprise Server host without a path maps to https://HOST/api/v3/."
  type        = string
  default     = null
}

variable "org" {
  description = "Organization that owns the package. Leave org and user null for the token's own account."
  type        = string
  default     = null
}

variable "user" {
  description = "User that owns the package, when it is not an organization."
  type        = string
  default     = null
}

variable "package_type" {
  description = "container, npm, maven, rubygems, nuget or docker."
  type        = string
  default     = "container"
}

variable "package_name" {
  description = "The package whose versions the retention policy manages, such as \"web/app\"."
  type        = string
}

variable "keep" {
  description = "How many of the newest active versions the retention policy keeps. Lowering it deletes the versions that leave the policy."
  type        = number
  default     = 3
}

variable "keep_tags" {
  description = "RE2 expressions: versions with a matching tag are kept whatever keep says. The default keeps `latest` and the 2.1 releases."
  type        = list(string)
  default     = ["^latest$", "^2\\.1\\."]
}

variable "restore_tag" {
  description = "Restore the deleted version with this tag (deleted in the last 30 days), and keep it. null restores nothing."
  type        = string
  default     = null
}
