"""A home's photo as a file, for every audience.

Photos are kept in the default storage, which has no public address (MEDIA_URL is not served),
and sent through this view, like the scheme's logo: the view decides who may see each photo.
Once the home has been advertised anyone may (adverts show its photos), and the answer may be
cached by browsers and proxies; before that only the landlord's staff and the council's
lettings officers may, and the answer is kept out of shared caches.
"""

from __future__ import annotations

import uuid

from django.http import FileResponse, Http404, HttpRequest
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from hearth.core.access.permissions import public, request_actor
from hearth.lettings.rules.photos import CONTENT_TYPES
from hearth.lettings.selectors.homes import home_photo_file_get

PUBLIC_MAX_AGE = 3600


@require_GET
@public
def home_photo(request: HttpRequest, pk: uuid.UUID) -> FileResponse:
    photo, for_everyone = home_photo_file_get(actor=request_actor(request), pk=pk)
    name = photo.image.name or ""
    content_type = CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower())
    if content_type is None:
        raise Http404
    try:
        stream = photo.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(stream, content_type=content_type)
    if for_everyone:
        patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
    else:
        patch_cache_control(response, private=True, no_store=True)
    return response
