"""Who may change what: viewing is open, uploading and reviewing need a reviewer when the app is shared.

In order:

- ``VENEZUELA_READONLY=1``: nobody writes; the Add articles and Review pages
  are not in the navigation (:func:`write_pages_shown`).
- ``[auth]`` in ``.streamlit/secrets.toml``: Streamlit's OIDC login
  (``st.login``); the reviewer is the logged-in user's e-mail or name.
- ``[reviewers]``: reviewer names and password hashes, e.g.
  ``ana = "scrypt$<salt hex>$<hash hex>"`` (make one with
  ``python -m app.auth NAME``); the reviewer logs in with a form.
- neither, and the visitor is on this machine (the server listens on the
  loopback, or the connection comes from it): the single local user may
  edit, as ``local``, and the pages say so. Anyone else may only view.
"""
from __future__ import annotations

import getpass
import hashlib
import hmac
import os
import secrets
import sys

import streamlit as st

READONLY_ENV = "VENEZUELA_READONLY"
LOCAL_REVIEWER = "local"
LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def readonly() -> bool:
    return os.environ.get(READONLY_ENV, "").strip().lower() in ("1", "true", "yes")


def hash_password(password: str, salt: bytes | None = None) -> str:
    """``scrypt$<salt hex>$<hash hex>``: what ``[reviewers]`` holds for a name."""
    salt = salt or secrets.token_bytes(16)
    return f"scrypt${salt.hex()}${hashlib.scrypt(password.encode(), salt=salt, **_SCRYPT).hex()}"


def check_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a ``scrypt$…`` or ``pbkdf2$<iterations>$<salt>$<hash>`` (SHA-256) entry, in constant time."""
    parts = str(stored).split("$")
    try:
        if parts[0] == "scrypt" and len(parts) == 3:
            found = hashlib.scrypt(password.encode(), salt=bytes.fromhex(parts[1]), **_SCRYPT)
            return hmac.compare_digest(found, bytes.fromhex(parts[2]))
        if parts[0] == "pbkdf2" and len(parts) == 4:
            found = hashlib.pbkdf2_hmac("sha256", password.encode(), bytes.fromhex(parts[2]), int(parts[1]))
            return hmac.compare_digest(found, bytes.fromhex(parts[3]))
    except ValueError:
        return False
    return False


def _secret(section: str) -> dict:
    try:
        return dict(st.secrets.get(section) or {})
    except (FileNotFoundError, KeyError):  # no secrets.toml at all
        return {}


def mode() -> str:
    """readonly, oidc, passwords, local (no login configured, visitor on this machine) or shared (no login, visitor elsewhere)."""
    if readonly():
        return "readonly"
    if _secret("auth"):
        return "oidc"
    if _secret("reviewers"):
        return "passwords"
    return "local" if _on_this_machine() else "shared"


def _on_this_machine() -> bool:
    address = st.get_option("server.address") or ""
    if address in LOOPBACK:
        return True
    ip = st.context.ip_address  # None when the browser reached the app through localhost
    return ip is None or ip in LOOPBACK


def reviewer() -> str | None:
    """The name corrections and uploads are recorded under, or None when this visitor may not write."""
    current = mode()
    if current == "local":
        return LOCAL_REVIEWER
    if current == "oidc":
        return (st.user.get("email") or st.user.get("name")) if st.user.is_logged_in else None
    if current == "passwords":
        return st.session_state.get("reviewer_login")
    return None


def write_pages_shown() -> bool:
    """Whether the Add articles and Review pages are in the navigation at all."""
    return not readonly()


def gate(action: str) -> str | None:
    """The reviewer's name when this visitor may ``action`` (upload, review); else shows why not, or a login, and returns None."""
    current, name = mode(), reviewer()
    if name is not None:
        if current == "local":
            st.caption(f"No reviewer login is configured and you are on this machine, so you may {action} as “{LOCAL_REVIEWER}”. "
                       "To share the app, add reviewers to `.streamlit/secrets.toml` (see `app/auth.py`).")
        else:
            st.caption(f"Signed in as {name}.")
        return name
    if current == "readonly":
        st.info("This dashboard is read-only.", icon=":material/lock:")
    elif current == "oidc":
        st.info(f"Log in to {action}.", icon=":material/lock:")
        st.button("Log in", on_click=st.login, icon=":material/login:")
    elif current == "passwords":
        with st.form("login"):
            st.markdown(f"**Log in to {action}**")
            user = st.text_input("Reviewer name")
            password = st.text_input("Password", type="password")
            if st.form_submit_button("Log in"):
                stored = _secret("reviewers").get(user)
                if stored is not None and check_password(password, stored):
                    st.session_state["reviewer_login"] = user
                    st.rerun()
                st.error("Unknown reviewer or wrong password.")
    else:
        st.info(f"This dashboard is shared without a reviewer login, so nobody may {action} from here: "
                "configure `[reviewers]` or `[auth]` in `.streamlit/secrets.toml`.", icon=":material/lock:")
    return None


if __name__ == "__main__":  # python -m app.auth NAME: the line to put under [reviewers]
    name = sys.argv[1] if len(sys.argv) > 1 else input("Reviewer name: ")
    print(f'{name} = "{hash_password(getpass.getpass(f"Password for {name}: "))}"')
