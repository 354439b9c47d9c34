"""The digests: a shop's takings of one day, a household's hours of one month."""

from __future__ import annotations

from .template import Template

DIGESTS: dict[str, dict[str, Template]] = {
    "daily_takings": {
        "it": Template(
            "Fa Bene: gli incassi del {day}",
            "Ecco i movimenti Fa Bene alla vostra cassa il {day}.\n\n"
            "- Spese pagate con i crediti: {purchases}, in tutto {redeemed}\n"
            "- Rimborsi ai clienti: {refunded}\n"
            "- Spese sospese raccolte: {donations}, in tutto {donated}\n\n"
            "La rete vi rimborsa le spese pagate con i crediti, meno i rimborsi; la spesa "
            "sospesa raccolta va al fondo della rete. Confrontate questi totali con la "
            "chiusura di cassa: se qualcosa non torna, scrivete all'operatore della vostra "
            "rete.",
            "Fa Bene, {day}: crediti {redeemed} (n. {purchases}), rimborsi {refunded}, spesa "
            "sospesa {donated} (n. {donations}). Non torna? Scrivete all'operatore.",
        ),
        "en": Template(
            "Fa Bene: your takings on {day}",
            "Here is what went through your till with Fa Bene on {day}.\n\n"
            "- Purchases paid with credits: {purchases}, {redeemed} in all\n"
            "- Refunds to customers: {refunded}\n"
            "- Spesa sospesa collected: {donations}, {donated} in all\n\n"
            "The network pays you back the purchases paid with credits, less the refunds; "
            "the spesa sospesa you collected goes to the network's fund. Check these totals "
            "against your till's closing: if something does not match, write to your "
            "network's operator.",
            "Fa Bene, {day}: credits {redeemed} (no. {purchases}), refunds {refunded}, spesa "
            "sospesa {donated} (no. {donations}). Mismatch? Write to the operator.",
        ),
        "fr": Template(
            "Fa Bene : vos recettes du {day}",
            "Voici les mouvements Fa Bene à votre caisse le {day}.\n\n"
            "- Achats payés en crédits : {purchases}, pour {redeemed} au total\n"
            "- Remboursements aux clients : {refunded}\n"
            "- Spesa sospesa (courses suspendues) collectée : {donations}, pour {donated} au "
            "total\n\n"
            "Le réseau vous rembourse les achats payés en crédits, moins les remboursements ; "
            "la spesa sospesa collectée va au fonds du réseau. Comparez ces totaux avec la "
            "clôture de caisse : si quelque chose ne correspond pas, écrivez à l'opérateur de "
            "votre réseau.",
            "Fa Bene, {day} : crédits {redeemed} (nb {purchases}), remboursements {refunded}, "
            "spesa sospesa {donated} (nb {donations}). Écart ? Écrivez à l'opérateur.",
        ),
        "ar": Template(
            "Fa Bene: مداخيل يوم {day}",
            "هذه حركات Fa Bene في صندوقكم يوم {day}.\n\n"
            "- مشتريات مدفوعة بالرصيد: {purchases}، بمجموع {redeemed}\n"
            "- مبالغ مستردة للزبائن: {refunded}\n"
            "- مشتريات معلّقة (spesa sospesa) مجموعة: {donations}، بمجموع {donated}\n\n"
            "تعوّضكم الشبكة عن المشتريات المدفوعة بالرصيد بعد خصم المبالغ المستردة، وتذهب "
            "المشتريات المعلّقة المجموعة إلى صندوق الشبكة. قارنوا هذه المجاميع بإغلاق الصندوق: "
            "إذا لم تتطابق، راسلوا موظف شبكتكم.",
            "Fa Bene، {day}: بالرصيد {redeemed} (عدد {purchases})، مسترد {refunded}، مشتريات "
            "معلّقة {donated} (عدد {donations}).",
        ),
    },
    "monthly_reciprocity": {
        "it": Template(
            "Le vostre ore per la comunità: {month}",
            "Ore di attività per la comunità svolte nel mese di {month} e confermate: {given}.\n"
            "Ore al mese previste dal vostro patto di restituzione: {agreed}.\n\n"
            "Grazie per il vostro tempo. Per programmare le attività del mese nuovo, o se "
            "manca qualche ora, parlatene con il vostro educatore.",
            "Fa Bene, {month}: ore per la comunità confermate {given}, su {agreed} previste "
            "dal patto. Programmate le prossime con l'educatore.",
        ),
        "en": Template(
            "Your hours for the community: {month}",
            "Hours of community activity done in {month} and confirmed: {given}.\n"
            "Hours a month in your reciprocity contract: {agreed}.\n\n"
            "Thank you for your time. To plan next month's activities, or if some hours are "
            "missing, talk to your educator.",
            "Fa Bene, {month}: community hours confirmed {given}, of {agreed} in your "
            "contract. Plan the next ones with your educator.",
        ),
        "fr": Template(
            "Vos heures pour la communauté : {month}",
            "Heures d'activité pour la communauté faites en {month} et confirmées : {given}.\n"
            "Heures par mois prévues par votre contrat de réciprocité : {agreed}.\n\n"
            "Merci pour votre temps. Pour programmer les activités du mois prochain, ou s'il "
            "manque des heures, parlez-en à votre éducateur.",
            "Fa Bene, {month} : heures confirmées {given}, sur {agreed} prévues au "
            "contrat. Programmez la suite avec votre éducateur.",
        ),
        "ar": Template(
            "ساعاتكم من أجل المجتمع: {month}",
            "ساعات النشاط من أجل المجتمع التي قمتم بها في {month} وتم تأكيدها: {given}.\n"
            "الساعات الشهرية المتفق عليها في عقد التبادل الخاص بكم: {agreed}.\n\n"
            "شكرًا على وقتكم. لبرمجة أنشطة الشهر القادم، أو إذا كانت بعض الساعات ناقصة، "
            "تحدثوا مع المربي المرافق لكم.",
            "Fa Bene، {month}: الساعات المؤكدة {given}، والمتفق عليها في العقد {agreed}. "
            "خططوا للقادمة مع المربي.",
        ),
    },
}
