# The provider as the end-to-end benches use it (scripts/bench/e2e.sh,
# scripts/bench/list-phases.sh): the fake's URL comes in as a variable.
terraform {
  required_providers {
    ghpackages = { source = "ghpackages/ghpackages" }
  }
}

variable "base_url" { type = string }

provider "ghpackages" {
  base_url                = var.base_url
  token                   = "ghp_bench"
  max_concurrent_requests = 4
}
