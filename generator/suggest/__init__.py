"""Suggestions for annotators (`briefing new`, `briefing lint`): date phrases and actor mentions.

Everything here is a suggestion for a human to confirm; nothing goes into an annotation unmarked.
"""
