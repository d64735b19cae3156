"""URLs of the reviews part: the applicant asks for a review of a decision (or withdraws it);
a team leader decides it; both can print the outcome letter."""

from django.urls import URLPattern, path

from hearth.register.views import reviews_applicant, reviews_staff

urlpatterns: list[URLPattern] = [
    # Officers
    path("staff/register/reviews/", reviews_staff.review_queue, name="review_queue"),
    path(
        "staff/register/reviews/<uuid:pk>/", reviews_staff.review_decide_page, name="review_decide"
    ),
    path(
        "staff/register/reviews/<uuid:pk>/letter.pdf",
        reviews_staff.review_letter_staff,
        name="review_letter_staff",
    ),
    # Applicants
    path(
        "account/decisions/<uuid:pk>/review/",
        reviews_applicant.review_request,
        name="review_request",
    ),
    path(
        "account/decisions/<uuid:pk>/review/why/",
        reviews_applicant.review_why,
        name="review_why",
    ),
    path(
        "account/decisions/<uuid:pk>/review/check/",
        reviews_applicant.review_check,
        name="review_check",
    ),
    path(
        "account/decisions/<uuid:pk>/review/sent/",
        reviews_applicant.review_sent,
        name="review_sent",
    ),
    path(
        "account/reviews/<uuid:pk>/withdraw/",
        reviews_applicant.review_withdraw,
        name="review_withdraw",
    ),
    path(
        "account/reviews/<uuid:pk>/letter.pdf",
        reviews_applicant.review_letter,
        name="review_letter",
    ),
]
