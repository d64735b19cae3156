"""URLs of the evidence part: the applicant's documents and uploads; an officer asks for
documents, checks them, cancels a request, and downloads a file."""

from django.urls import URLPattern, path

from hearth.register.views import evidence_applicant, evidence_staff

urlpatterns: list[URLPattern] = [
    path("account/documents/", evidence_applicant.documents, name="documents"),
    path(
        "account/documents/upload/",
        evidence_applicant.document_upload_any,
        name="document_upload_any",
    ),
    path(
        "account/documents/<uuid:pk>/upload/",
        evidence_applicant.document_upload,
        name="document_upload",
    ),
    path(
        "account/documents/<uuid:pk>/file/",
        evidence_applicant.document_file_own,
        name="document_file_own",
    ),
    path(
        "staff/register/applications/<uuid:pk>/documents/request/",
        evidence_staff.evidence_request_new,
        name="evidence_request_new",
    ),
    path(
        "staff/register/document-requests/<uuid:pk>/cancel/",
        evidence_staff.evidence_request_cancel_page,
        name="evidence_request_cancel",
    ),
    path(
        "staff/register/documents/<uuid:pk>/",
        evidence_staff.document_check,
        name="document_check",
    ),
    path(
        "staff/register/documents/<uuid:pk>/file/",
        evidence_staff.document_file,
        name="document_file",
    ),
]
