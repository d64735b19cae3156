"""URLs of the messages part: the applicant's messages, and an officer writing to them."""

from django.urls import URLPattern, path

from hearth.register.views import messages_applicant, messages_staff

urlpatterns: list[URLPattern] = [
    path("account/messages/", messages_applicant.message_list, name="messages"),
    path("account/messages/<uuid:pk>/", messages_applicant.message, name="message"),
    path(
        "staff/register/applications/<uuid:pk>/messages/new/",
        messages_staff.message_new,
        name="message_new",
    ),
]
