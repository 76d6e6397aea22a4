"""Who manages campaigns: ONE staff (`rencontres.roles` gives them the permission) and
superusers. Organisers only answer their own places' requests, through their links."""

MANAGE_PERMISSION = "campaigns.manage_campaigns"


def is_campaign_manager(user) -> bool:
    return user.is_active and user.has_perm(MANAGE_PERMISSION)
