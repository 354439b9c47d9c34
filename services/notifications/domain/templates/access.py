"""What the programme says to a member about their access: welcome, login codes, a locked card."""

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
    "card_locked": {
        "it": Template(
            "La vostra tessera Fa Bene è bloccata",
            "La vostra tessera Fa Bene è stata bloccata: il PIN è stato sbagliato cinque "
            "volte di seguito.\n\n"
            "Per sbloccarla scegliete un nuovo PIN nel vostro portafoglio Fa Bene, oppure "
            "allo sportello con un documento. Se alla cassa non c'eravate voi, ditelo subito "
            "allo sportello: qualcuno potrebbe aver provato a usare la vostra tessera.",
            "Fa Bene: tessera bloccata dopo 5 PIN sbagliati. Sbloccatela con un nuovo PIN nel "
            "portafoglio o allo sportello. Non eravate voi? Avvisate lo sportello.",
        ),
        "en": Template(
            "Your Fa Bene card is locked",
            "Your Fa Bene card has been locked: the PIN was entered wrongly five times in a "
            "row.\n\n"
            "To unlock it, set a new PIN in your Fa Bene wallet, or at the office with an "
            "identity document. If it was not you at the till, tell the office at once: "
            "someone may have tried to use your card.",
            "Fa Bene: your card is locked after 5 wrong PINs. To unlock it, set a new PIN in "
            "your wallet or at the office. Not you? Tell the office.",
        ),
        "fr": Template(
            "Votre carte Fa Bene est bloquée",
            "Votre carte Fa Bene a été bloquée : le code PIN a été mal saisi cinq fois de "
            "suite.\n\n"
            "Pour la débloquer, choisissez un nouveau code PIN dans votre portefeuille Fa "
            "Bene, ou au guichet avec une pièce d'identité. Si ce n'était pas vous à la "
            "caisse, prévenez tout de suite le guichet : quelqu'un a peut-être essayé "
            "d'utiliser votre carte.",
            "Fa Bene : carte bloquée après 5 PIN erronés. Nouveau PIN dans le portefeuille ou "
            "au guichet pour la débloquer. Pas vous ? Prévenez le guichet.",
        ),
        "ar": Template(
            "تم إيقاف بطاقة Fa Bene الخاصة بكم",
            "تم إيقاف بطاقة Fa Bene الخاصة بكم: أُدخل الرمز السري خطأً خمس مرات متتالية.\n\n"
            "لإعادة تفعيلها، اختاروا رمزًا سريًا جديدًا في محفظة Fa Bene، أو في المكتب مع "
            "وثيقة هوية. إذا لم تكونوا أنتم عند الصندوق، أخبروا المكتب فورًا: ربما حاول أحدهم "
            "استعمال بطاقتكم.",
            "Fa Bene: أوقفت بطاقتكم بعد 5 محاولات خاطئة للرمز السري. اختاروا رمزًا جديدًا في "
            "المحفظة أو في المكتب. لستم أنتم؟ أخبروا المكتب.",
        ),
    },
}
