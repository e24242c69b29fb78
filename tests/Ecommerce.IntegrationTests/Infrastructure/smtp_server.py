#!/usr/bin/env python3
"""A real SMTP server for the tests: Debian's aiosmtpd, on 127.0.0.1:PORT, until its stdin closes.

Prints one JSON line per event on stdout: {"event": "ready"} once it listens, then for each message taken
{"event": "message", "peer": "127.0.0.1:PORT", "mail_from": ..., "rcpt_tos": [...], "data": base64 of the raw message}.
Recipients whose local part starts with "reject" get 550 (no such mailbox); with "tempfail", 451 the first time.
With --cert/--key it offers STARTTLS and requires it before MAIL; with --tls-on-connect as well, it speaks TLS from the
first byte instead (port 465's way). With --auth USER:PASSWORD it requires that login
(AUTH PLAIN or LOGIN, offered also without TLS) before MAIL.
"""
import argparse
import asyncio
import base64
import json
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


def emit(event):
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class Handler:
    def __init__(self):
        self.tempfailed = set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0]
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("tempfail") and address not in self.tempfailed:
            self.tempfailed.add(address)
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        emit({"event": "message", "peer": "%s:%s" % session.peer[:2], "mail_from": envelope.mail_from,
              "rcpt_tos": envelope.rcpt_tos, "data": base64.b64encode(raw).decode("ascii")})
        return "250 2.0.0 Ok: queued"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--auth")
    parser.add_argument("--tls-on-connect", action="store_true")
    args = parser.parse_args()
    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options = {"ssl_context": context} if args.tls_on_connect else {"tls_context": context, "require_starttls": True}
    if args.auth:
        user, password = args.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            given = (auth_data.login.decode(), auth_data.password.decode())
            emit({"event": "auth", "mechanism": mechanism, "success": given == (user, password)})
            return AuthResult(success=given == (user, password), handled=False)  # a failure answered 535

        options.update(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port, enable_SMTPUTF8=True, **options)
    controller.start()
    emit({"event": "ready"})
    sys.stdin.read()  # until the test closes it (or dies)
    controller.stop()


if __name__ == "__main__":
    main()
