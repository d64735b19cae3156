"""Forms for signing in, creating an applicant account, and managing staff."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hearth.core.access.roles import roles_for_kind
from hearth.core.forms.govuk import GovukForm
from hearth.core.forms.person_details import PersonNameValidator
from hearth.core.forms.submissions import OneSubmissionForm
from hearth.core.models import Organisation

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise as Text


def full_name_field(
    required_message: Text, *, what: Text, autocomplete: str = "name"
) -> forms.CharField:
    """`what` names the answer in the error for a name that is not one ("your full name")."""
    return forms.CharField(
        label=_("Full name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
        error_messages={"required": required_message},
        validators=[PersonNameValidator(what)],
    )


def email_field(
    *, label: Text, required_message: Text, help_text: Text = "", autocomplete: str = "email"
) -> forms.EmailField:
    return forms.EmailField(
        label=label,
        help_text=help_text,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": autocomplete, "spellcheck": "false"}),
        error_messages={
            "required": required_message,
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )


class SignInForm(AuthenticationForm):
    use_required_attribute = False
    username = forms.EmailField(
        label=_("Email address"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter your email address"),
            "invalid": _("Enter an email address in the correct format, like name@example.com"),
        },
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Enter your password")},
    )
    error_messages = {
        "invalid_login": _("Enter a correct email address and password"),
        "inactive": _("This account has been deactivated. Contact your organisation admin."),
    }


class TwoFactorCodeForm(GovukForm):
    code = forms.RegexField(
        label=_("Security code"),
        help_text=_("The 6-digit code shown in your authenticator app"),
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "class": "govuk-input--width-5",
                "spellcheck": "false",
            }
        ),
        error_messages={
            "required": _("Enter the 6-digit security code"),
            "invalid": _("The security code must be 6 numbers"),
        },
    )

    def clean_code(self) -> str:
        return str(self.cleaned_data["code"]).strip()


class NewPasswordMixin(forms.Form):
    password = forms.CharField(
        label=_("Create a password"),
        strip=False,
        help_text=_(
            "Use at least 10 characters. A few unrelated words make a strong password "
            "you can remember."
        ),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Enter a password")},
    )
    password_confirm = forms.CharField(
        label=_("Type your password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Type your password again")},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, second = cleaned.get("password"), cleaned.get("password_confirm")
        if first and second and first != second:
            self.add_error("password_confirm", _("The passwords do not match"))
        return cleaned


class VerificationResendForm(OneSubmissionForm):
    """Nothing to fill in (the page writes out the one-time token): one new link per press."""


class ApplicantRegisterForm(NewPasswordMixin, GovukForm):
    full_name = full_name_field(_("Enter your full name"), what=_("your full name"))
    email = email_field(
        label=_("Email address"),
        required_message=_("Enter your email address"),
        help_text=_("We will send you a link to confirm it"),
    )
    field_order = ["full_name", "email", "password", "password_confirm"]


class InvitationAcceptForm(NewPasswordMixin, GovukForm):
    full_name = full_name_field(_("Enter your full name"), what=_("your full name"))
    field_order = ["full_name", "password", "password_confirm"]


class PasswordResetRequestForm(PasswordResetForm):
    use_required_attribute = False
    email = email_field(label=_("Email address"), required_message=_("Enter your email address"))


class PasswordNewForm(NewPasswordMixin, GovukForm):
    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = str(self.cleaned_data["password"])
        try:
            password_validation.validate_password(password, self.user)
        except ValidationError as problem:
            raise ValidationError(problem.messages) from problem
        return password


def role_choices(organisation: Organisation) -> list[tuple[str, str]]:
    return [(role.value, str(role.label)) for role in roles_for_kind(organisation.kind)]


class RolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Roles"))
        kwargs.setdefault("help_text", _("Select all that apply"))
        kwargs.setdefault("error_messages", {"required": _("Select at least one role")})
        super().__init__(**kwargs)


class InvitationForm(GovukForm):
    # Someone else's details: the browser should not offer the admin's own.
    full_name = full_name_field(
        _("Enter their full name"), what=_("their full name"), autocomplete="off"
    )
    email = email_field(
        label=_("Work email address"),
        required_message=_("Enter their email address"),
        help_text=_("We will email them a link to join. The link lasts 7 days."),
        autocomplete="off",
    )
    roles = RolesField()

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["roles"]).choices = role_choices(organisation)


class MembershipRolesForm(GovukForm):
    roles = RolesField()

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.MultipleChoiceField, self.fields["roles"]).choices = role_choices(organisation)


class OrganisationSwitchForm(GovukForm):
    organisation = forms.ChoiceField(
        label=_("Which organisation are you working for now?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Select an organisation")},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["organisation"]).choices = choices
