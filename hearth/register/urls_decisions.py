"""URLs of the register: decisions and reviews (included by hearth/register/urls.py)."""

from django.urls import URLPattern, path

from hearth.register.views import (
    decision_applicant,
    decision_staff,
    review_applicant,
    review_staff,
)

urlpatterns: list[URLPattern] = [
    # Officers
    path(
        "staff/register/applications/<uuid:pk>/decide/",
        decision_staff.decision_new,
        name="decision_new",
    ),
    path(
        "staff/register/decisions/<uuid:pk>/letter.pdf",
        decision_staff.decision_letter_staff,
        name="decision_letter_staff",
    ),
    path("staff/register/reviews/", review_staff.review_queue, name="review_queue"),
    path("staff/register/reviews/<uuid:pk>/", review_staff.review_decide, name="review_decide"),
    path(
        "staff/register/reviews/<uuid:pk>/letter.pdf",
        review_staff.review_letter_staff,
        name="review_letter_staff",
    ),
    # Applicants
    path("account/decisions/<uuid:pk>/", decision_applicant.decision, name="decision"),
    path(
        "account/decisions/<uuid:pk>/letter.pdf",
        decision_applicant.decision_letter,
        name="decision_letter",
    ),
    path(
        "account/decisions/<uuid:pk>/review/",
        review_applicant.review_request,
        name="review_request",
    ),
    path(
        "account/decisions/<uuid:pk>/review/why/",
        review_applicant.review_why,
        name="review_why",
    ),
    path(
        "account/decisions/<uuid:pk>/review/check/",
        review_applicant.review_check,
        name="review_check",
    ),
    path(
        "account/decisions/<uuid:pk>/review/sent/",
        review_applicant.review_sent,
        name="review_sent",
    ),
    path(
        "account/reviews/<uuid:pk>/withdraw/",
        review_applicant.review_withdraw,
        name="review_withdraw",
    ),
    path(
        "account/reviews/<uuid:pk>/letter.pdf",
        review_applicant.review_letter,
        name="review_letter",
    ),
]
