"""URLs of the decisions part: an officer decides an application; the applicant reads the
decision; both can print its letter."""

from django.urls import URLPattern, path

from hearth.register.views import decisions_applicant, decisions_staff

urlpatterns: list[URLPattern] = [
    # Officers
    path(
        "staff/register/applications/<uuid:pk>/decide/",
        decisions_staff.decision_new,
        name="decision_new",
    ),
    path(
        "staff/register/decisions/<uuid:pk>/letter.pdf",
        decisions_staff.decision_letter_staff,
        name="decision_letter_staff",
    ),
    # Applicants
    path("account/decisions/<uuid:pk>/", decisions_applicant.decision, name="decision"),
    path(
        "account/decisions/<uuid:pk>/letter.pdf",
        decisions_applicant.decision_letter,
        name="decision_letter",
    ),
]
