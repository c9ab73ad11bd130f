from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional


class TokenForm(FlaskForm):
    name = StringField("Label", validators=[DataRequired(message="Give the token a label."), Length(max=100)])


class UserForm(FlaskForm):
    email = EmailField("Email", validators=[DataRequired(message="Enter an email address."), Length(max=254)])
    full_name = StringField("Full name", validators=[Optional(), Length(max=200)])
    role = SelectField("Role", choices=[("hr", "HR"), ("viewer", "Viewer"), ("admin", "Admin")])
    password = PasswordField("Initial password", validators=[DataRequired(message="Set an initial password.")])


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[("hr", "HR"), ("viewer", "Viewer"), ("admin", "Admin")])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state."""


class ReminderScheduleForm(FlaskForm):
    """When the employer's reminders go out; checked by reminders.settings_input (one place)."""

    # The choices are set per employer (the province's default is named); the view checks the value.
    time_zone = SelectField("Time zone", choices=[], validate_choice=False)
    send_hour = StringField("Send hour (0–23, local time)", render_kw={"inputmode": "numeric"})


class DigestForm(FlaskForm):
    digest = BooleanField("One email a day listing my reminders (daily digest) instead of one email per reminder")
