import time

import jwt
import pytest

from shared.auth.keys import ensure_signing_keys, read_private_key, read_public_key
from shared.auth.principal import AuthenticationRequired, Principal, Role
from shared.auth.tokens import TokenSigner, TokenVerifier

OPERATOR = Principal(subject="m1", role=Role.OPERATOR, network_id="n1", member_id="m1")


@pytest.fixture
def keys(tmp_path):
    ensure_signing_keys(tmp_path)
    return read_private_key(tmp_path), read_public_key(tmp_path)


def signer(keys, ttl=60, issuer="fabene-registry", audience="fabene"):
    return TokenSigner(keys[0], issuer=issuer, audience=audience, ttl_seconds=ttl)


def verifier(keys):
    return TokenVerifier(keys[1], issuer="fabene-registry", audience="fabene")


def test_a_signed_token_names_its_principal(keys):
    assert verifier(keys).verify(signer(keys).issue(OPERATOR)) == OPERATOR


def test_the_key_pair_is_made_once(tmp_path):
    ensure_signing_keys(tmp_path)
    first = read_private_key(tmp_path)
    ensure_signing_keys(tmp_path)
    assert read_private_key(tmp_path) == first


@pytest.mark.parametrize(
    "forge",
    [
        # CVE-2022-29217: a symmetric algorithm where an asymmetric one is expected.
        lambda keys, claims: jwt.encode(
            claims, "a-forger-s-shared-secret-of-32-bytes", algorithm="HS256"
        ),
        lambda keys, claims: jwt.encode(claims, None, algorithm="none"),
    ],
)
def test_a_token_with_another_algorithm_is_refused(keys, forge):
    now = int(time.time())
    claims = {"sub": "x", "role": "admin", "iss": "fabene-registry", "aud": "fabene"}
    token = forge(keys, {**claims, "iat": now, "exp": now + 60})
    with pytest.raises(AuthenticationRequired):
        verifier(keys).verify(token)


def test_an_expired_token_is_refused(keys):
    token = signer(keys, ttl=-10).issue(OPERATOR)
    with pytest.raises(AuthenticationRequired):
        verifier(keys).verify(token)


@pytest.mark.parametrize("field", ["issuer", "audience"])
def test_a_token_for_another_issuer_or_audience_is_refused(keys, field):
    token = signer(keys, **{field: "someone-else"}).issue(OPERATOR)
    with pytest.raises(AuthenticationRequired):
        verifier(keys).verify(token)


def test_a_token_signed_by_another_key_is_refused(keys, tmp_path):
    other = tmp_path / "other"
    ensure_signing_keys(other)
    foreign = TokenSigner(
        read_private_key(other), issuer="fabene-registry", audience="fabene", ttl_seconds=60
    )
    with pytest.raises(AuthenticationRequired):
        verifier(keys).verify(foreign.issue(OPERATOR))


def test_an_operator_manages_only_their_own_network():
    assert OPERATOR.manages_network("n1")
    assert not OPERATOR.manages_network("n2")
    assert Principal(subject="a", role=Role.ADMIN).manages_network("n2")


def test_a_member_may_see_themselves_but_not_a_neighbour():
    citizen = Principal(subject="m7", role=Role.CITIZEN, network_id="n1", member_id="m7")
    assert citizen.may_see_member("m7", "n1")
    assert not citizen.may_see_member("m8", "n1")
