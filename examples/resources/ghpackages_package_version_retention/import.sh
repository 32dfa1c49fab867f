# A version of an organization's package (NAME may contain "/"):
terraform import ghpackages_package_version_retention.release orgs/acme/container/team/app/3200000011

# A version of a named user's package:
terraform import ghpackages_package_version_retention.hubot users/hubot/container/hubot-image/3200000201

# A version of a package of the token's own account:
terraform import ghpackages_package_version_retention.dotfiles user/container/dotfiles/3200000101
