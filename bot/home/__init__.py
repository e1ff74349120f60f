"""The Home tab: one page per person of the campaigns they follow (bot.home.feature)."""
