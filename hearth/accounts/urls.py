from django.urls import path

from hearth.accounts.views import applicant, auth, invitation, staff

app_name = "accounts"

urlpatterns = [
    # Everyone
    path("account/sign-in/", auth.sign_in, name="sign_in"),
    path("account/sign-out/", auth.sign_out, name="sign_out"),
    path("account/landing/", auth.landing, name="landing"),
    path("account/two-factor/", auth.two_factor, name="two_factor"),
    path("account/two-factor/set-up/", auth.two_factor_setup, name="two_factor_setup"),
    path("account/password-reset/", auth.password_reset, name="password_reset"),
    path("account/password-reset/sent/", auth.password_reset_sent, name="password_reset_sent"),
    path(
        "account/password-reset/<uidb64>/<token>/",
        auth.password_reset_new,
        name="password_reset_new",
    ),
    path(
        "account/password-reset/done/",
        auth.password_reset_complete,
        name="password_reset_complete",
    ),
    path("account/invitation/<str:token>/", invitation.invitation_accept, name="invitation_accept"),
    # Applicants
    path("account/create/", applicant.register, name="register"),
    path(
        "account/create/check-email/", applicant.register_check_email, name="register_check_email"
    ),
    path("account/confirm-email/", applicant.email_unconfirmed, name="email_unconfirmed"),
    path("account/confirm-email/<str:token>/", applicant.email_verify, name="email_verify"),
    path("account/", applicant.applicant_home, name="applicant_home"),
    # Staff
    path("staff/account/", staff.staff_account, name="staff_account"),
    path("staff/organisation/", staff.organisation_switch, name="organisation_switch"),
    path("staff/team/", staff.team_list, name="team_list"),
    path("staff/team/invite/", staff.invitation_new, name="invitation_new"),
    path(
        "staff/team/invitations/<uuid:pk>/withdraw/",
        staff.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("staff/team/<uuid:pk>/", staff.team_member, name="team_member"),
    path(
        "staff/team/<uuid:pk>/deactivate/",
        staff.team_member_deactivate,
        name="team_member_deactivate",
    ),
    path(
        "staff/team/<uuid:pk>/two-factor-reset/",
        staff.team_member_two_factor_reset,
        name="team_member_two_factor_reset",
    ),
    path(
        "staff/scheme/organisations/<uuid:pk>/invite/",
        staff.organisation_invitation_new,
        name="organisation_invitation_new",
    ),
    path(
        "staff/team/<uuid:pk>/reactivate/",
        staff.team_member_reactivate,
        name="team_member_reactivate",
    ),
]
