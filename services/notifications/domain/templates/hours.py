"""What the programme says about TIME credits: hours to confirm, confirmed, given, spent."""

from __future__ import annotations

from .template import Template

HOURS: dict[str, dict[str, Template]] = {
    "hours_to_confirm": {
        "it": Template(
            "Ore da confermare: {minutes}",
            "Il {day} è stata registrata un'attività di {minutes} svolta presso di voi: "
            "aspetta la vostra conferma.\n\n"
            "Confermatela o respingetela nella pagina Ore da confermare di Fa Bene: chi l'ha "
            "svolta riceve i crediti tempo solo dopo la vostra conferma.",
            "Fa Bene: un'attività di {minutes} svolta presso di voi aspetta la vostra "
            "conferma. Confermatela nella pagina Ore da confermare.",
        ),
        "en": Template(
            "Hours to confirm: {minutes}",
            "On {day} an activity of {minutes} done with you was logged: it waits for your "
            "confirmation.\n\n"
            "Confirm or reject it on Fa Bene's Hours to confirm page: the person who did it "
            "earns time credits only once you confirm.",
            "Fa Bene: an activity of {minutes} done with you waits for your confirmation. "
            "Confirm it on the Hours to confirm page.",
        ),
        "fr": Template(
            "Heures à confirmer : {minutes}",
            "Le {day}, une activité de {minutes} réalisée chez vous a été enregistrée : elle "
            "attend votre confirmation.\n\n"
            "Confirmez-la ou refusez-la sur la page Heures à confirmer de Fa Bene : la "
            "personne qui l'a réalisée ne reçoit ses crédits temps qu'après votre "
            "confirmation.",
            "Fa Bene : une activité de {minutes} réalisée chez vous attend votre "
            "confirmation. Confirmez-la sur la page Heures à confirmer.",
        ),
        "ar": Template(
            "ساعات بانتظار التأكيد: {minutes}",
            "بتاريخ {day} سُجّل نشاط مدته {minutes} أُنجز لديكم، وهو بانتظار تأكيدكم.\n\n"
            "أكّدوه أو ارفضوه في صفحة «ساعات للتأكيد» في Fa Bene: لا يحصل من قام به على رصيد "
            "الوقت إلا بعد تأكيدكم.",
            "Fa Bene: نشاط مدته {minutes} أُنجز لديكم ينتظر تأكيدكم. أكّدوه في صفحة «ساعات للتأكيد».",
        ),
    },
    "hours_confirmed": {
        "it": Template(
            "Ore confermate: {minutes}",
            "L'organizzazione ha confermato la vostra attività di {minutes}: ora è nei vostri "
            "crediti tempo. Il vostro saldo tempo è {balance}.\n\n"
            "Grazie! Potete usare i crediti tempo nei negozi che li accettano, o donarli a un "
            "altro membro. Le prossime attività le programmate con il vostro educatore.",
            "Fa Bene: confermata la vostra attività di {minutes}. Saldo tempo: {balance}. "
            "Grazie! Usatelo nei negozi che accettano crediti tempo.",
        ),
        "en": Template(
            "Hours confirmed: {minutes}",
            "The organisation confirmed your activity of {minutes}: it is now in your time "
            "credits. Your time balance is {balance}.\n\n"
            "Thank you! You can use time credits at the shops that take them, or give them "
            "to another member. Plan your next activities with your educator.",
            "Fa Bene: your activity of {minutes} is confirmed. Time balance: {balance}. Thank "
            "you! Use it at shops that take time credits.",
        ),
        "fr": Template(
            "Heures confirmées : {minutes}",
            "L'organisation a confirmé votre activité de {minutes} : elle est maintenant dans "
            "vos crédits temps. Votre solde temps est de {balance}.\n\n"
            "Merci ! Vous pouvez utiliser les crédits temps dans les magasins qui les "
            "acceptent, ou les donner à un autre membre. Vos prochaines activités se "
            "programment avec votre éducateur.",
            "Fa Bene : votre activité de {minutes} est confirmée. Solde temps : {balance}. "
            "Merci ! Utilisez-le chez les magasins partenaires.",
        ),
        "ar": Template(
            "تم تأكيد الساعات: {minutes}",
            "أكّدت المؤسسة نشاطكم الذي استغرق {minutes}: أصبح الآن ضمن رصيد الوقت لديكم. "
            "رصيد الوقت لديكم {balance}.\n\n"
            "شكرًا لكم! يمكنكم استعمال رصيد الوقت في المتاجر التي تقبله، أو إهداؤه لعضو آخر. "
            "خطّطوا لأنشطتكم القادمة مع المربي المرافق لكم.",
            "Fa Bene: تم تأكيد نشاطكم ({minutes}). رصيد الوقت: {balance}. شكرًا! استعملوه في "
            "المتاجر التي تقبله.",
        ),
    },
    "hours_rejected": {
        "it": Template(
            "Ore non confermate: {minutes}",
            "L'organizzazione non ha confermato l'attività di {minutes} registrata a vostro "
            "nome: per quelle ore non avete ricevuto crediti tempo.\n\n"
            "Se pensate che sia un errore, parlatene con il vostro educatore o con "
            "l'organizzazione: l'attività può essere registrata di nuovo.",
            "Fa Bene: l'attività di {minutes} non è stata confermata. Se è un errore, "
            "parlatene con il vostro educatore.",
        ),
        "en": Template(
            "Hours not confirmed: {minutes}",
            "The organisation did not confirm the activity of {minutes} logged in your name: "
            "no time credits were earned for it.\n\n"
            "If you think this is a mistake, talk to your educator or to the organisation: "
            "the activity can be logged again.",
            "Fa Bene: your activity of {minutes} was not confirmed. If this is a mistake, "
            "talk to your educator.",
        ),
        "fr": Template(
            "Heures non confirmées : {minutes}",
            "L'organisation n'a pas confirmé l'activité de {minutes} enregistrée à votre "
            "nom : vous n'avez pas reçu de crédits temps pour ces heures.\n\n"
            "Si vous pensez que c'est une erreur, parlez-en à votre éducateur ou à "
            "l'organisation : l'activité peut être enregistrée à nouveau.",
            "Fa Bene : votre activité de {minutes} n'a pas été confirmée. Si c'est une "
            "erreur, parlez-en à votre éducateur.",
        ),
        "ar": Template(
            "ساعات غير مؤكدة: {minutes}",
            "لم تؤكد المؤسسة النشاط الذي استغرق {minutes} والمسجل باسمكم، لذلك لم تحصلوا على "
            "رصيد وقت مقابله.\n\n"
            "إذا كنتم تظنون أن في الأمر خطأ، تحدثوا مع المربي المرافق لكم أو مع المؤسسة: يمكن "
            "تسجيل النشاط من جديد.",
            "Fa Bene: لم يتم تأكيد نشاطكم ({minutes}). إذا كان ذلك خطأ، تحدثوا مع المربي "
            "المرافق لكم.",
        ),
    },
    "time_received": {
        "it": Template(
            "Vi hanno donato {minutes} di crediti tempo",
            "Un altro membro di Fa Bene vi ha donato {minutes} di crediti tempo.\n\n"
            "Li trovate nel vostro portafoglio: potete usarli nei negozi che accettano "
            "crediti tempo, o donarli a vostra volta.",
            "Fa Bene: un altro membro vi ha donato {minutes} di crediti tempo. Usateli nei "
            "negozi che li accettano o donateli a vostra volta.",
        ),
        "en": Template(
            "You were given {minutes} of time credits",
            "Another Fa Bene member gave you {minutes} of time credits.\n\n"
            "You will find them in your wallet: use them at the shops that take time "
            "credits, or pass them on to someone else.",
            "Fa Bene: another member gave you {minutes} of time credits. Use them at shops "
            "that take them, or pass them on.",
        ),
        "fr": Template(
            "On vous a offert {minutes} de crédits temps",
            "Un autre membre de Fa Bene vous a offert {minutes} de crédits temps.\n\n"
            "Vous les trouverez dans votre portefeuille : utilisez-les dans les magasins qui "
            "acceptent les crédits temps, ou offrez-les à votre tour.",
            "Fa Bene : un autre membre vous a offert {minutes} de crédits temps. Utilisez-les "
            "dans les magasins qui les acceptent.",
        ),
        "ar": Template(
            "أُهدي إليكم {minutes} من رصيد الوقت",
            "أهداكم عضو آخر في Fa Bene {minutes} من رصيد الوقت.\n\n"
            "ستجدونه في محفظتكم: استعملوه في المتاجر التي تقبل رصيد الوقت، أو أهدوه بدوركم "
            "لغيركم.",
            "Fa Bene: أهداكم عضو آخر {minutes} من رصيد الوقت. استعملوه في المتاجر التي تقبله "
            "أو أهدوه لغيركم.",
        ),
    },
    "time_receipt": {
        "it": Template(
            "Ricevuta: {minutes} di crediti tempo",
            "Il {day} alle {at} avete pagato con {minutes} di crediti tempo, per un valore di "
            "{value}. Il vostro saldo tempo ora è {balance}.\n\n"
            "Se non riconoscete questo acquisto, chiamate subito lo sportello Fa Bene.",
            "Fa Bene: pagato con {minutes} di tempo ({value}) il {day} alle {at}. Saldo: "
            "{balance}. Non eravate voi? Chiamate lo sportello.",
        ),
        "en": Template(
            "Receipt: {minutes} of time credits",
            "On {day} at {at} you paid with {minutes} of time credits, worth {value}. Your "
            "time balance is now {balance}.\n\n"
            "If you do not recognise this purchase, call the Fa Bene office at once.",
            "Fa Bene: paid with {minutes} of time ({value}) on {day} at {at}. Balance: "
            "{balance}. Not you? Call the office.",
        ),
        "fr": Template(
            "Reçu : {minutes} de crédits temps",
            "Le {day} à {at}, vous avez payé avec {minutes} de crédits temps, d'une valeur de "
            "{value}. Votre solde temps est maintenant de {balance}.\n\n"
            "Si vous ne reconnaissez pas cet achat, appelez tout de suite le guichet Fa Bene.",
            "Fa Bene : payé avec {minutes} de temps ({value}) le {day} à {at}. Solde : "
            "{balance}. Pas vous ? Appelez le guichet.",
        ),
        "ar": Template(
            "إيصال: {minutes} من رصيد الوقت",
            "بتاريخ {day} على الساعة {at} دفعتم {minutes} من رصيد الوقت، بقيمة {value}. رصيد "
            "الوقت لديكم الآن {balance}.\n\n"
            "إذا لم تتعرفوا على هذه العملية، اتصلوا فورًا بمكتب Fa Bene.",
            "Fa Bene: دفعتم {minutes} من رصيد الوقت ({value}) يوم {day} على الساعة {at}. "
            "الرصيد: {balance}. لستم أنتم؟ اتصلوا بالمكتب.",
        ),
    },
}
