"""The till's words, in Italian and English, with what it says when a payment is refused."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "it": {
        "till_pair_title": "Collega questa cassa",
        "till_pair_intro": "Questo dispositivo non è ancora una cassa Fa Bene. Chiedi "
        "all'operatore della rete il codice di abbinamento del tuo negozio e scrivilo qui.",
        "till_pair_as_person": "Sei entrato con un account personale: per incassare, "
        "questo dispositivo va collegato al negozio come cassa.",
        "till_pair_code": "Codice di abbinamento",
        "till_pair_label": "Nome della cassa (facoltativo)",
        "till_pair_label_hint": "Per esempio «Banco 1».",
        "till_pair_button": "Collega",
        "till_pay_title": "Pagamento con la tessera",
        "till_card_number": "Numero della tessera",
        "till_scan": "Inquadra il codice QR",
        "till_scan_stop": "Chiudi la fotocamera",
        "till_amount": "Importo in euro",
        "till_amount_hint": "Per esempio 12 oppure 12,50.",
        "till_pin": "PIN (lo digita il cliente)",
        "till_pay": "Paga",
        "till_delete": "Cancella",
        "till_retrying": "Connessione persa: riprovo… Non ripetere il pagamento.",
        "till_offline": "Nessuna connessione. Quando torna premi di nuovo: "
        "lo stesso pagamento non viene mai addebitato due volte.",
        "till_paid": "Pagato",
        "till_receipt_amount": "Importo",
        "till_receipt_balance": "Credito rimasto",
        "till_receipt_card": "Tessera",
        "till_receipt_when": "Quando",
        "till_receipt_id": "Operazione",
        "till_spesa_title": "Spesa sospesa",
        "till_spesa_intro": "Un cliente lascia una spesa pagata per chi ne ha bisogno: "
        "l'importo va al fondo della rete.",
        "till_spesa_button": "Registra la spesa sospesa",
        "till_spesa_done": "Spesa sospesa registrata",
        "till_takings_title": "Incassi di oggi",
        "till_takings_redeemed": "Pagato con i crediti",
        "till_takings_donated": "Spese sospese",
        "till_takings_all": "Tutti i movimenti di oggi",
        "till_takings_none": "Ancora nessun movimento oggi.",
        "till_back": "Torna alla cassa",
        "till_time": "Ora",
        "till_what": "Cosa",
        "till_kind_redemption": "Pagamento con crediti",
        "till_kind_donation": "Spesa sospesa",
        "till_kind_refund": "Rimborso",
        "till_kind_reversal": "Annullamento",
        "till_kind_settlement": "Conguaglio",
        "till_check_card_number": "Controlla il numero della tessera: sono 12 cifre.",
        "till_check_amount_cents": "Scrivi l'importo in euro, per esempio 12 oppure 12,50.",
        "till_check_pin": "Il PIN è di 4, 5 o 6 cifre: il cliente lo digita di nuovo.",
        "till_check_idempotency_key": "Il modulo è scaduto: controlla e premi di nuovo.",
        "refused_not_enough_credit": "Credito insufficiente: sulla tessera restano {balance}.",
        "refused_wrong_pin": "PIN sbagliato. Tentativi rimasti: {attempts_left}.",
        "refused_card_locked": "Tessera bloccata dopo troppi PIN sbagliati: il titolare "
        "o un operatore deve impostare un nuovo PIN.",
        "refused_card_blocked": "Questa tessera è disattivata (persa o sostituita): "
        "il nucleo ne chieda una nuova allo sportello.",
        "refused_pin_not_set": "Questa tessera non ha ancora un PIN: il titolare o un "
        "operatore deve impostarlo.",
        "refused_member_not_active": "Questo nucleo ora non può usare i crediti: "
        "si rivolga allo sportello.",
        "refused_unknown_card": "Tessera sconosciuta: controlla il numero.",
        "refused_limit_exceeded": "Oltre un limite della rete.",
        "refused_limit_per_redemption": "Oltre il limite per un pagamento: al massimo {value}.",
        "refused_limit_per_card_daily": "Oltre il limite giornaliero della tessera "
        "({value}): oggi restano {left_today}.",
        "refused_limit_visits_per_day": "Oltre il numero di acquisti al giorno con questa "
        "tessera (al massimo {value}).",
        "refused_limit_shop_daily": "Oltre il limite di incasso di oggi di questo negozio.",
        "refused_idempotency_key_reused": "Questo modulo era già stato usato per un altro "
        "pagamento: controlla i dati e premi di nuovo.",
        "refused_idempotency_key_required": "Il modulo è scaduto: controlla e premi di nuovo.",
        "refused_not_allowed": "Non è possibile con questa tessera: chiedi allo sportello.",
    },
    "en": {
        "till_pair_title": "Pair this till",
        "till_pair_intro": "This device is not a Fa Bene till yet. Ask your network's "
        "operator for your shop's pairing code and type it here.",
        "till_pair_as_person": "You are logged in with a personal account: to take "
        "payments, this device has to be paired with the shop as a till.",
        "till_pair_code": "Pairing code",
        "till_pair_label": "Name of this till (optional)",
        "till_pair_label_hint": "For example “Stall 1”.",
        "till_pair_button": "Pair",
        "till_pay_title": "Pay with the card",
        "till_card_number": "Card number",
        "till_scan": "Scan the QR code",
        "till_scan_stop": "Close the camera",
        "till_amount": "Amount in euros",
        "till_amount_hint": "For example 12 or 12.50.",
        "till_pin": "PIN (typed by the customer)",
        "till_pay": "Pay",
        "till_delete": "Delete",
        "till_retrying": "Connection lost: trying again… Do not repeat the payment.",
        "till_offline": "No connection. When it is back, press again: "
        "the same payment is never charged twice.",
        "till_paid": "Paid",
        "till_receipt_amount": "Amount",
        "till_receipt_balance": "Credit left",
        "till_receipt_card": "Card",
        "till_receipt_when": "When",
        "till_receipt_id": "Transaction",
        "till_spesa_title": "Spesa sospesa",
        "till_spesa_intro": "A customer leaves a shopping paid for someone in need: "
        "the amount goes to the network's food pool.",
        "till_spesa_button": "Record the spesa sospesa",
        "till_spesa_done": "Spesa sospesa recorded",
        "till_takings_title": "Today's takings",
        "till_takings_redeemed": "Paid with credits",
        "till_takings_donated": "Spesa sospesa",
        "till_takings_all": "All of today's movements",
        "till_takings_none": "No movements yet today.",
        "till_back": "Back to the till",
        "till_time": "Time",
        "till_what": "What",
        "till_kind_redemption": "Paid with credits",
        "till_kind_donation": "Spesa sospesa",
        "till_kind_refund": "Refund",
        "till_kind_reversal": "Cancelled",
        "till_kind_settlement": "Settlement",
        "till_check_card_number": "Check the card number: it has 12 digits.",
        "till_check_amount_cents": "Type the amount in euros, for example 12 or 12.50.",
        "till_check_pin": "The PIN has 4, 5 or 6 digits: the customer types it again.",
        "till_check_idempotency_key": "This form expired: check it and press again.",
        "refused_not_enough_credit": "Not enough credit: the card has {balance} left.",
        "refused_wrong_pin": "Wrong PIN. Attempts left: {attempts_left}.",
        "refused_card_locked": "Card locked after too many wrong PINs: the holder or an "
        "operator has to set a new PIN.",
        "refused_card_blocked": "This card is blocked (lost or replaced): the household "
        "should ask the office for a new one.",
        "refused_pin_not_set": "This card has no PIN yet: the holder or an operator has "
        "to set one.",
        "refused_member_not_active": "This household cannot use its credits now: "
        "please ask the office.",
        "refused_unknown_card": "Unknown card: check the number.",
        "refused_limit_exceeded": "Over one of the network's limits.",
        "refused_limit_per_redemption": "Over the limit for one payment: at most {value}.",
        "refused_limit_per_card_daily": "Over the card's daily limit ({value}): "
        "{left_today} left today.",
        "refused_limit_visits_per_day": "Over the number of purchases a day with this "
        "card (at most {value}).",
        "refused_limit_shop_daily": "Over this shop's takings limit for today.",
        "refused_idempotency_key_reused": "This form was used for another payment already: "
        "check it and press again.",
        "refused_idempotency_key_required": "This form expired: check it and press again.",
        "refused_not_allowed": "Not possible with this card: please ask the office.",
    },
}
