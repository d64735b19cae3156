"""Template tags for GOV.UK Frontend components."""
