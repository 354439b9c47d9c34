"""What the programme says to a household about its FOOD credits."""

from __future__ import annotations

from .template import Template

FOOD: dict[str, dict[str, Template]] = {
    "credits_allocated": {
        "it": Template(
            "Nuovi crediti spesa: {amount}",
            "Sulla vostra tessera Fa Bene sono arrivati {amount} di crediti spesa. Il saldo "
            "ora è {balance}.\n\n"
            "Potete spenderli in tutti i negozi Fa Bene: alla cassa mostrate la tessera e "
            "digitate il vostro PIN.",
            "Fa Bene: sono arrivati {amount} di crediti spesa. Saldo: {balance}. Spendeteli "
            "nei negozi Fa Bene con la tessera e il PIN.",
        ),
        "en": Template(
            "New food credits: {amount}",
            "{amount} of food credits have arrived on your Fa Bene card. Your balance is now "
            "{balance}.\n\n"
            "You can spend them at any Fa Bene shop: at the till, show your card and enter "
            "your PIN.",
            "Fa Bene: {amount} of food credits arrived. Balance: {balance}. Spend them at Fa "
            "Bene shops with your card and PIN.",
        ),
        "fr": Template(
            "Nouveaux crédits alimentaires : {amount}",
            "{amount} de crédits alimentaires sont arrivés sur votre carte Fa Bene. Votre "
            "solde est maintenant de {balance}.\n\n"
            "Vous pouvez les dépenser dans tous les magasins Fa Bene : à la caisse, présentez "
            "votre carte et tapez votre code PIN.",
            "Fa Bene : {amount} de crédits alimentaires sont arrivés. Solde : {balance}. "
            "Dépensez-les chez Fa Bene avec carte et PIN.",
        ),
        "ar": Template(
            "رصيد غذائي جديد: {amount}",
            "وصل إلى بطاقة Fa Bene الخاصة بكم رصيد غذائي بقيمة {amount}. رصيدكم الآن "
            "{balance}.\n\n"
            "يمكنكم استعماله في جميع متاجر Fa Bene: عند الصندوق، أظهروا البطاقة وأدخلوا "
            "الرمز السري (PIN).",
            "Fa Bene: وصلكم رصيد غذائي بقيمة {amount}. الرصيد: {balance}. استعملوه في متاجر "
            "Fa Bene بالبطاقة والرمز السري.",
        ),
    },
    "purchase_receipt": {
        "it": Template(
            "Ricevuta: spesa di {amount}",
            "Il {day} alle {at} avete pagato {amount} con i crediti spesa della vostra "
            "tessera. Il saldo rimasto è {balance}.\n\n"
            "Se non riconoscete questo acquisto, chiamate subito lo sportello Fa Bene: "
            "bloccherà la tessera e vi aiuterà a cambiare il PIN.",
            "Fa Bene: spesa di {amount} pagata con i crediti il {day} alle {at}. Saldo: "
            "{balance}. Non eravate voi? Chiamate lo sportello.",
        ),
        "en": Template(
            "Receipt: {amount} spent",
            "On {day} at {at} you paid {amount} with the food credits on your card. Your "
            "remaining balance is {balance}.\n\n"
            "If you do not recognise this purchase, call the Fa Bene office at once: they "
            "will block the card and help you change your PIN.",
            "Fa Bene: {amount} paid with credits on {day} at {at}. Balance: {balance}. Not "
            "you? Call the Fa Bene office.",
        ),
        "fr": Template(
            "Reçu : achat de {amount}",
            "Le {day} à {at}, vous avez payé {amount} avec les crédits alimentaires de votre "
            "carte. Il vous reste {balance}.\n\n"
            "Si vous ne reconnaissez pas cet achat, appelez tout de suite le guichet Fa Bene : "
            "il bloquera la carte et vous aidera à changer votre code PIN.",
            "Fa Bene : achat de {amount} payé en crédits le {day} à {at}. Solde : {balance}. "
            "Pas vous ? Appelez le guichet.",
        ),
        "ar": Template(
            "إيصال: مشتريات بقيمة {amount}",
            "بتاريخ {day} على الساعة {at} دفعتم {amount} من الرصيد الغذائي لبطاقتكم. الرصيد "
            "المتبقي {balance}.\n\n"
            "إذا لم تتعرفوا على هذه العملية، اتصلوا فورًا بمكتب Fa Bene: سيوقف البطاقة "
            "ويساعدكم على تغيير الرمز السري.",
            "Fa Bene: دفعتم {amount} من الرصيد يوم {day} على الساعة {at}. الرصيد: {balance}. "
            "لستم أنتم؟ اتصلوا بالمكتب.",
        ),
    },
    "credits_returned": {
        "it": Template(
            "Crediti restituiti: {amount}",
            "{amount} sono tornati sul vostro conto Fa Bene: un acquisto è stato rimborsato o "
            "annullato.\n\n"
            "Il saldo aggiornato e il dettaglio sono nel vostro portafoglio, alla pagina "
            "Movimenti. Se qualcosa non torna, chiedete allo sportello.",
            "Fa Bene: {amount} sono tornati sul vostro conto (acquisto rimborsato o "
            "annullato). Il saldo è nel portafoglio.",
        ),
        "en": Template(
            "Credits returned: {amount}",
            "{amount} came back to your Fa Bene account: a purchase was refunded or "
            "cancelled.\n\n"
            "Your new balance and the details are in your wallet, on the Transactions page. "
            "If something looks wrong, ask at the office.",
            "Fa Bene: {amount} came back to your account (a purchase refunded or cancelled). "
            "See your balance in the wallet.",
        ),
        "fr": Template(
            "Crédits rendus : {amount}",
            "{amount} sont revenus sur votre compte Fa Bene : un achat a été remboursé ou "
            "annulé.\n\n"
            "Votre nouveau solde et le détail sont dans votre portefeuille, page Mouvements. "
            "Si quelque chose ne va pas, demandez au guichet.",
            "Fa Bene : {amount} sont revenus sur votre compte (achat remboursé ou annulé). "
            "Votre solde est dans le portefeuille.",
        ),
        "ar": Template(
            "استرجاع رصيد: {amount}",
            "عاد {amount} إلى حسابكم في Fa Bene: تم استرداد عملية شراء أو إلغاؤها.\n\n"
            "رصيدكم الجديد والتفاصيل في محفظتكم، في صفحة العمليات. إذا لاحظتم خطأ، اسألوا "
            "في المكتب.",
            "Fa Bene: عاد {amount} إلى حسابكم (شراء مسترد أو ملغى). الرصيد في المحفظة.",
        ),
    },
    "credits_corrected": {
        "it": Template(
            "Una correzione sul vostro conto Fa Bene",
            "Un operatore ha annullato un movimento di {amount} sul vostro conto Fa Bene, per "
            "correggere un errore.\n\n"
            "Il saldo aggiornato e il dettaglio sono nel vostro portafoglio, alla pagina "
            "Movimenti. Per qualsiasi domanda, rivolgetevi allo sportello.",
            "Fa Bene: un operatore ha annullato un movimento di {amount} sul vostro conto. "
            "Dettagli nel portafoglio; per domande, lo sportello.",
        ),
        "en": Template(
            "A correction to your Fa Bene account",
            "An operator cancelled a transaction of {amount} on your Fa Bene account, to put "
            "a mistake right.\n\n"
            "Your new balance and the details are in your wallet, on the Transactions page. "
            "If you have any questions, ask at the office.",
            "Fa Bene: an operator cancelled a transaction of {amount} on your account. "
            "Details in your wallet; questions: ask at the office.",
        ),
        "fr": Template(
            "Une correction sur votre compte Fa Bene",
            "Un opérateur a annulé un mouvement de {amount} sur votre compte Fa Bene, pour "
            "corriger une erreur.\n\n"
            "Votre nouveau solde et le détail sont dans votre portefeuille, page Mouvements. "
            "Pour toute question, adressez-vous au guichet.",
            "Fa Bene : un opérateur a annulé un mouvement de {amount} sur votre compte. "
            "Détails dans le portefeuille.",
        ),
        "ar": Template(
            "تصحيح في حسابكم في Fa Bene",
            "ألغى أحد الموظفين عملية بقيمة {amount} في حسابكم في Fa Bene لتصحيح خطأ.\n\n"
            "رصيدكم الجديد والتفاصيل في محفظتكم، في صفحة العمليات. لأي سؤال، توجهوا إلى "
            "المكتب.",
            "Fa Bene: ألغى موظف عملية بقيمة {amount} في حسابكم. التفاصيل في المحفظة، "
            "وللأسئلة توجهوا إلى المكتب.",
        ),
    },
    "credits_expiring": {
        "it": Template(
            "{amount} di crediti scadono il {expires_on}",
            "{amount} dei vostri crediti spesa scadono il {expires_on}.\n\n"
            "Spendeteli prima di quel giorno in un negozio Fa Bene, con la tessera e il PIN: "
            "dopo la scadenza tornano al fondo comune della rete e non si possono più usare.",
            "Fa Bene: {amount} dei vostri crediti scadono il {expires_on}. Spendeteli prima "
            "in un negozio Fa Bene, poi non valgono più.",
        ),
        "en": Template(
            "{amount} of credits expire on {expires_on}",
            "{amount} of your food credits expire on {expires_on}.\n\n"
            "Spend them before that day at a Fa Bene shop, with your card and PIN: once they "
            "expire they go back to the network's shared fund and can no longer be used.",
            "Fa Bene: {amount} of your credits expire on {expires_on}. Spend them before then "
            "at a Fa Bene shop; after that they are gone.",
        ),
        "fr": Template(
            "{amount} de crédits expirent le {expires_on}",
            "{amount} de vos crédits alimentaires expirent le {expires_on}.\n\n"
            "Dépensez-les avant ce jour dans un magasin Fa Bene, avec votre carte et votre "
            "code PIN : après l'échéance, ils retournent au fonds commun du réseau et ne "
            "peuvent plus être utilisés.",
            "Fa Bene : {amount} de vos crédits expirent le {expires_on}. Dépensez-les avant "
            "dans un magasin Fa Bene.",
        ),
        "ar": Template(
            "رصيد بقيمة {amount} تنتهي صلاحيته في {expires_on}",
            "تنتهي صلاحية {amount} من رصيدكم الغذائي بتاريخ {expires_on}.\n\n"
            "استعملوه قبل ذلك اليوم في أحد متاجر Fa Bene بالبطاقة والرمز السري: بعد انتهاء "
            "الصلاحية يعود إلى الصندوق المشترك للشبكة ولا يمكن استعماله.",
            "Fa Bene: تنتهي صلاحية {amount} من رصيدكم بتاريخ {expires_on}. استعملوه قبل ذلك "
            "في متجر Fa Bene.",
        ),
    },
    "credits_expired": {
        "it": Template(
            "Crediti scaduti: {amount}",
            "{amount} di crediti spesa non usati sono scaduti e sono tornati al fondo comune "
            "della rete. Il saldo ora è {balance}.\n\n"
            "I crediti valgono per un periodo limitato: spendeteli prima della scadenza, che "
            "vi ricordiamo una settimana prima. Per domande, rivolgetevi allo sportello.",
            "Fa Bene: {amount} di crediti non usati sono scaduti e tornati al fondo della "
            "rete. Saldo: {balance}. Per domande, lo sportello.",
        ),
        "en": Template(
            "Credits expired: {amount}",
            "{amount} of unused food credits have expired and gone back to the network's "
            "shared fund. Your balance is now {balance}.\n\n"
            "Credits last for a limited time: spend them before they expire (we remind you a "
            "week ahead). If you have questions, ask at the office.",
            "Fa Bene: {amount} of unused credits expired and went back to the network's "
            "fund. Balance: {balance}. Questions: ask at the office.",
        ),
        "fr": Template(
            "Crédits expirés : {amount}",
            "{amount} de crédits alimentaires non utilisés ont expiré et sont retournés au "
            "fonds commun du réseau. Votre solde est maintenant de {balance}.\n\n"
            "Les crédits ont une durée limitée : dépensez-les avant l'échéance (nous vous la "
            "rappelons une semaine avant). Pour toute question, adressez-vous au guichet.",
            "Fa Bene : {amount} de crédits non utilisés ont expiré et sont retournés au "
            "fonds du réseau. Solde : {balance}.",
        ),
        "ar": Template(
            "انتهت صلاحية رصيد بقيمة {amount}",
            "انتهت صلاحية {amount} من رصيدكم الغذائي غير المستعمل وعاد إلى الصندوق المشترك "
            "للشبكة. رصيدكم الآن {balance}.\n\n"
            "الرصيد صالح لمدة محدودة: استعملوه قبل انتهاء صلاحيته (نذكّركم بذلك قبل أسبوع). "
            "لأي سؤال، توجهوا إلى المكتب.",
            "Fa Bene: انتهت صلاحية {amount} من رصيدكم وعاد إلى صندوق الشبكة. الرصيد: "
            "{balance}. للأسئلة توجهوا إلى المكتب.",
        ),
    },
    "balance_low": {
        "it": Template(
            "Vi restano {balance} di crediti spesa",
            "Il saldo dei vostri crediti spesa è sceso a {balance}.\n\n"
            "Se vi servono altri crediti prima della prossima assegnazione, parlatene con lo "
            "sportello Fa Bene o con il vostro educatore.",
            "Fa Bene: vi restano {balance} di crediti spesa. Se ve ne servono altri prima "
            "della prossima assegnazione, parlatene con lo sportello.",
        ),
        "en": Template(
            "You have {balance} of food credits left",
            "Your food credit balance is down to {balance}.\n\n"
            "If you need more credits before the next allocation, talk to the Fa Bene office "
            "or to your educator.",
            "Fa Bene: you have {balance} of food credits left. If you need more before the "
            "next allocation, talk to the office.",
        ),
        "fr": Template(
            "Il vous reste {balance} de crédits alimentaires",
            "Votre solde de crédits alimentaires est descendu à {balance}.\n\n"
            "Si vous avez besoin d'autres crédits avant la prochaine attribution, parlez-en "
            "au guichet Fa Bene ou à votre éducateur.",
            "Fa Bene : il vous reste {balance} de crédits. S'il vous en faut d'autres avant "
            "la prochaine attribution, parlez-en au guichet.",
        ),
        "ar": Template(
            "تبقى لكم {balance} من الرصيد الغذائي",
            "انخفض رصيدكم الغذائي إلى {balance}.\n\n"
            "إذا كنتم بحاجة إلى رصيد إضافي قبل التوزيع القادم، تحدثوا مع مكتب Fa Bene أو مع "
            "المربي المرافق لكم.",
            "Fa Bene: تبقى لكم {balance} من الرصيد. إذا احتجتم المزيد قبل التوزيع القادم، "
            "تحدثوا مع المكتب.",
        ),
    },
}
