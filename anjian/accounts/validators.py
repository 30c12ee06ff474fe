"""Password policy beyond Django's own: at least three of four character classes."""

import string

from django.core.exceptions import ValidationError

PASSWORD_TOO_FEW_CLASSES = "口令须包含大写字母、小写字母、数字、符号中至少 {n} 类"  # noqa: S105 - a message, not a password
CLASSES = (
    ("upper", lambda c: c in string.ascii_uppercase),
    ("lower", lambda c: c in string.ascii_lowercase),
    ("digit", lambda c: c.isdigit()),
    ("symbol", lambda c: not c.isalnum()),
)


def character_classes(password: str) -> int:
    return sum(1 for _, test in CLASSES if any(test(c) for c in password))


class CharacterClassesValidator:
    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:  # Django's validator protocol
        if character_classes(password) < self.min_classes:
            raise ValidationError(
                PASSWORD_TOO_FEW_CLASSES.format(n=self.min_classes), code="password_too_few_classes"
            )

    def get_help_text(self) -> str:
        return PASSWORD_TOO_FEW_CLASSES.format(n=self.min_classes)
