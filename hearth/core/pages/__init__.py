"""What every page needs: middleware, template context, navigation counts, pagination, brand
colour, message text; and the sections other apps add to the staff and landlord home pages.
"""
