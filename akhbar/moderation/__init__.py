"""Automatic comment moderation to the publishing terms: normalization, word lists, rules, classifier."""
