from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField
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
