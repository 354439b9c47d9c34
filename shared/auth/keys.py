"""The registry's token-signing key pair (Ed25519), kept as PEM files.

The registry holds the private key; every other service needs only the
public one to verify tokens locally, without calling the registry.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.auth.tokens import TokenSigner, TokenVerifier
from shared.config import Settings

PRIVATE_KEY_FILE = "token-signing.pem"
PUBLIC_KEY_FILE = "token-signing.pub.pem"


def ensure_signing_keys(keys_dir: Path) -> None:
    """Create the key pair once; concurrent callers agree on the first one written."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    private_path = keys_dir / PRIVATE_KEY_FILE
    if not private_path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            descriptor = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
    public_path = keys_dir / PUBLIC_KEY_FILE
    if not public_path.exists():
        temporary = public_path.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(public_key_pem(read_private_key(keys_dir)))
        temporary.replace(public_path)


def read_private_key(keys_dir: Path) -> bytes:
    return (keys_dir / PRIVATE_KEY_FILE).read_bytes()


def read_public_key(keys_dir: Path) -> bytes:
    return (keys_dir / PUBLIC_KEY_FILE).read_bytes()


def public_key_pem(private_pem: bytes) -> bytes:
    key = serialization.load_pem_private_key(private_pem, password=None)
    return key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def token_verifier_provider(settings: Settings) -> Callable[[], TokenVerifier]:
    """A function returning the verifier, reading the public key on first use."""

    @functools.cache
    def provide() -> TokenVerifier:
        return TokenVerifier(
            read_public_key(settings.signing_keys_dir),
            issuer=settings.token_issuer,
            audience=settings.token_audience,
        )

    return provide


def token_signer_provider(settings: Settings) -> Callable[[], TokenSigner]:
    """A function returning the registry's signer, reading the private key on first use."""

    @functools.cache
    def provide() -> TokenSigner:
        return TokenSigner(
            read_private_key(settings.signing_keys_dir),
            issuer=settings.token_issuer,
            audience=settings.token_audience,
            ttl_seconds=settings.token_ttl_seconds,
        )

    return provide
