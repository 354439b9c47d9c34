"""Who is calling: principals, signed tokens, passwords."""
