# An organization's package (NAME may contain "/"):
terraform import ghpackages_package_retention.web orgs/acme/container/web

# A named user's package:
terraform import ghpackages_package_retention.hubot_image users/hubot/container/hubot-image

# A package of the token's own account:
terraform import ghpackages_package_retention.gem user/rubygems/octo-gem
