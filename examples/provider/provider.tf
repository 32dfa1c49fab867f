# The token comes from the `token` attribute, GITHUB_TOKEN, GH_TOKEN or
# `gh auth token`, in that order. Keep it out of configuration files.
provider "ghpackages" {}

# GitHub Enterprise Server: any host without a path maps to https://HOST/api/v3/.
provider "ghpackages" {
  alias    = "ghes"
  base_url = "https://ghe.example.com"

  # Ride through GitHub's bad minutes, gently.
  max_retries             = 5
  max_rate_limit_wait     = "5m"
  max_concurrent_requests = 4
}
