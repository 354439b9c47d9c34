"""The registry's words on its pages, Italian first (shared/web/i18n.py)."""

WORDS = {
    "it": {
        "with_code": "Con un codice via SMS o e-mail",
        "contact_label": "Telefono o e-mail",
        "send_code": "Mandami il codice",
        "code_sent": "Se il contatto è registrato, il codice sta arrivando.",
        "code_label": "Codice ricevuto",
        "with_password": "Con la password",
        "email_label": "E-mail",
        "password_label": "Password",
        "refused_invalid_credentials": "Dati di accesso non corretti.",
        "refused_too_many_attempts": "Troppi tentativi: riprova tra poco.",
        "refused_login_locked": "Accesso bloccato: chiedi all'ufficio.",
    },
    "en": {
        "with_code": "With a code by SMS or e-mail",
        "contact_label": "Phone or e-mail",
        "send_code": "Send me the code",
        "code_sent": "If this contact is registered, the code is on its way.",
        "code_label": "Code received",
        "with_password": "With a password",
        "email_label": "E-mail",
        "password_label": "Password",
        "refused_invalid_credentials": "Those login details are not right.",
        "refused_too_many_attempts": "Too many attempts: try again in a little while.",
        "refused_login_locked": "Login locked: ask the office.",
    },
}
