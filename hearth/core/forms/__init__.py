"""The GOV.UK form renderer and what every form shares: dates, errors, names and phone numbers, one
submission per form.
"""
