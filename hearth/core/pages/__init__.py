"""What every page needs: middleware, template context, navigation counts, pagination, brand
colour, message text.
"""
