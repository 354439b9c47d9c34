"""What the programme says to a member about their account: welcome, login codes."""

from __future__ import annotations

from .template import Template

ACCESS: dict[str, dict[str, Template]] = {
    "welcome": {
        "it": Template(
            "Benvenuti in Fa Bene",
            "La vostra iscrizione è registrata. Nei messaggi di Fa Bene troverete le notizie "
            "sui vostri crediti e sulle ore donate alla comunità.",
            "Fa Bene: benvenuti! La vostra iscrizione è registrata. Le notizie sui vostri "
            "crediti arriveranno qui e nella pagina Messaggi.",
        ),
        "en": Template(
            "Welcome to Fa Bene",
            "Your registration is recorded. Fa Bene's messages will tell you about your "
            "credits and the hours you give to the community.",
            "Fa Bene: welcome! Your registration is recorded. News about your credits will "
            "come here and to the Messages page.",
        ),
        "fr": Template(
            "Bienvenue dans Fa Bene",
            "Votre inscription est enregistrée. Les messages de Fa Bene vous informeront sur "
            "vos crédits et sur les heures données à la communauté.",
            "Fa Bene : bienvenue ! Votre inscription est enregistrée. Les nouvelles sur vos "
            "crédits arriveront ici et sur la page Messages.",
        ),
        "ar": Template(
            "مرحبًا بكم في Fa Bene",
            "تم تسجيلكم. ستخبركم رسائل Fa Bene عن رصيدكم وعن الساعات التي تقدمونها للمجتمع.",
            "Fa Bene: مرحبًا بكم! تم تسجيلكم. ستصلكم أخبار رصيدكم هنا وفي صفحة الرسائل.",
        ),
    },
    "login_code": {
        "it": Template(
            "Il vostro codice di accesso a Fa Bene",
            "Il vostro codice di accesso a Fa Bene è {code}.\n\n"
            "Inseritelo nella pagina di accesso entro le {expires_at}; dopo non vale più e "
            "potrete chiederne un altro.\n\n"
            "Non datelo a nessuno: nessun operatore ve lo chiederà mai. Se non l'avete "
            "chiesto voi, ignorate questo messaggio.",
            "Fa Bene: il vostro codice di accesso è {code}. Inseritelo nella pagina di "
            "accesso entro le {expires_at}. Non datelo a nessuno.",
        ),
        "en": Template(
            "Your Fa Bene login code",
            "Your Fa Bene login code is {code}.\n\n"
            "Enter it on the login page before {expires_at}; after that it no longer works "
            "and you can ask for a new one.\n\n"
            "Do not share it with anyone: no operator will ever ask you for it. If you did "
            "not ask for it, ignore this message.",
            "Fa Bene: your login code is {code}. Enter it on the login page before "
            "{expires_at}. Do not share it with anyone.",
        ),
        "fr": Template(
            "Votre code de connexion à Fa Bene",
            "Votre code de connexion à Fa Bene est {code}.\n\n"
            "Saisissez-le sur la page de connexion avant {expires_at} ; ensuite il ne sera "
            "plus valable et vous pourrez en demander un autre.\n\n"
            "Ne le donnez à personne : aucun opérateur ne vous le demandera jamais. Si vous "
            "ne l'avez pas demandé, ignorez ce message.",
            "Fa Bene : votre code de connexion est {code}. Saisissez-le sur la page de "
            "connexion avant {expires_at}. Ne le donnez à personne.",
        ),
        "ar": Template(
            "رمز الدخول الخاص بكم إلى Fa Bene",
            "رمز الدخول الخاص بكم إلى Fa Bene هو {code}.\n\n"
            "أدخلوه في صفحة تسجيل الدخول قبل الساعة {expires_at}، وبعد ذلك لن يعود صالحًا "
            "ويمكنكم طلب رمز جديد.\n\n"
            "لا تعطوه لأي شخص: لن يطلبه منكم أي موظف أبدًا. إذا لم تطلبوه، تجاهلوا هذه الرسالة.",
            "Fa Bene: رمز الدخول الخاص بكم هو {code}. أدخلوه في صفحة تسجيل الدخول قبل "
            "الساعة {expires_at}. لا تعطوه لأي شخص.",
        ),
    },
}
