"""The exchange: the double-entry ledger of FOOD and TIME credits."""
