"""A lab HTTP CONNECT proxy that checks NTLM for real, for the tests only (127.0.0.1).

squid's ntlm_fake_auth accepts any password, so it cannot tell a correct NTLMv2 response from a
wrong one. This proxy does connection-based NTLM the way corporate proxies do (407 with
`Proxy-Authenticate: NTLM`; type 1 -> 407 carrying type 2 on the same connection; type 3 -> 200)
and verifies the type 3 with pyspnego's NTLM acceptor against the password file named by
NTLM_USER_FILE (lines `DOMAIN:user:password`). LM_COMPAT_LEVEL=5 makes that acceptor refuse NTLMv1
and LM responses, so only a correct NTLMv2 response gets through. pyspnego checks the NT response
only; this proxy also checks the LMv2 field (zeros, or the correct LMv2 response) and records what
the client sent in a JSON-lines log for the tests.

After a successful login the CONNECT is handed to the parent proxy (the lab's inspecting proxy) and
the two connections are piped. Usage: python ntlm-verifying-proxy.py PARENT_PORT LOG_FILE; the
listening port is printed as `LISTENING <port>` on stdout.
"""

import asyncio
import base64
import json
import os
import sys

os.environ["LM_COMPAT_LEVEL"] = "5"  # before the acceptor reads it: NTLMv2 only

import spnego  # noqa: E402
from spnego._ntlm_raw.crypto import compute_response_v2, ntowfv1, ntowfv2  # noqa: E402
from spnego._ntlm_raw.messages import Authenticate, AvId, Challenge, NTClientChallengeV2  # noqa: E402

HOST = "127.0.0.1"
MAX_HEAD = 16 * 1024  # a request head larger than this is refused
HEAD_TIMEOUT = 30  # seconds to send a request head
PARENT_PORT = int(sys.argv[1])
LOG_FILE = sys.argv[2]


def log(event: dict) -> None:
    with open(LOG_FILE, "a", encoding="utf-8") as f:
        f.write(json.dumps(event, ensure_ascii=False) + "\n")


def passwords() -> dict:
    """(DOMAIN upper, user upper) -> password, from the same file the acceptor reads."""
    out = {}
    with open(os.environ["NTLM_USER_FILE"], encoding="utf-8") as f:
        for line in f.read().splitlines():
            parts = line.split(":")
            if len(parts) == 3:
                out[(parts[0].upper(), parts[1].upper())] = parts[2]
    return out


def lm_field_check(type3: bytes, challenge: bytes) -> str:
    """What the client put in the LmChallengeResponse field: 'zeros', 'lmv2-valid', 'lmv2-wrong' or 'absent'."""
    auth = Authenticate.unpack(type3)
    lm = auth.lm_challenge_response or b""
    if not lm:
        return "absent"
    if lm == b"\x00" * len(lm):
        return "zeros"
    password = passwords().get(((auth.domain_name or "").upper(), (auth.user_name or "").upper()))
    if password is None:
        return "lmv2-wrong"
    server_challenge = Challenge.unpack(challenge).server_challenge
    key = ntowfv2(auth.user_name, ntowfv1(password), auth.domain_name)
    blob = NTClientChallengeV2.unpack(auth.nt_challenge_response[16:])
    _, expected_lm, _ = compute_response_v2(key, server_challenge, lm[16:24], blob.time_stamp, blob.av_pairs)
    return "lmv2-valid" if lm == expected_lm else "lmv2-wrong"


def filetime(value) -> int:
    """A FILETIME (100 ns ticks since 1601) as the number it is on the wire."""
    return int.from_bytes(value.pack(), "little")


def describe(type3: bytes, challenge: bytes) -> dict:
    """The facts of a type 3 the tests look at (never the password or the hashes)."""
    auth = Authenticate.unpack(type3)
    nt = auth.nt_challenge_response or b""
    facts = {
        "domain": auth.domain_name,
        "user": auth.user_name,
        "ntlmv2": len(nt) > 24,
        "unicode": bool(auth.flags & 0x1),
        "mic": auth.mic is not None and auth.mic != b"\x00" * 16,
    }
    if facts["ntlmv2"]:
        blob = NTClientChallengeV2.unpack(nt[16:])
        server_info = Challenge.unpack(challenge).target_info
        facts["clientTimestamp"] = filetime(blob.time_stamp)
        facts["serverTimestamp"] = filetime(server_info[AvId.timestamp]) if server_info and AvId.timestamp in server_info else None
        try:
            facts["lmField"] = lm_field_check(type3, challenge)
        except Exception as error:  # a malformed LM field is a fact to report, not a crash
            facts["lmField"] = f"unreadable: {error}"
    return facts


async def read_head(reader: asyncio.StreamReader) -> bytes | None:
    try:
        head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), HEAD_TIMEOUT)
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError, ConnectionError):
        return None
    return head


def reply(writer: asyncio.StreamWriter, status: str, headers: list, close: bool = False) -> None:
    lines = [f"HTTP/1.1 {status}", *headers, "Content-Length: 0", "Connection: close" if close else "Connection: keep-alive"]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def tunnel(target: str, reader, writer) -> None:
    up_reader, up_writer = await asyncio.open_connection(HOST, PARENT_PORT, limit=MAX_HEAD)
    up_writer.write(f"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n".encode("latin-1"))
    await up_writer.drain()
    head = await read_head(up_reader)
    if head is None:
        reply(writer, "502 Bad Gateway", [], close=True)
        up_writer.close()
        return
    writer.write(head)  # the parent's own answer (200, or its error)
    await writer.drain()
    await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    context = None  # one NTLM context per connection: NTLM authenticates the connection
    challenge = b""
    try:
        while True:
            head = await read_head(reader)
            if head is None:
                return
            lines = head.decode("latin-1").split("\r\n")
            method, target = (lines[0].split(" ") + ["", ""])[:2]
            headers = {}
            for line in lines[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            if method != "CONNECT":
                reply(writer, "405 Method Not Allowed", [], close=True)
                return
            auth = headers.get("proxy-authorization", "")
            scheme, _, token = auth.partition(" ")
            if scheme.lower() != "ntlm" or not token:
                log({"event": "challenge", "sent": auth.split(" ")[0] or None})
                reply(writer, "407 Proxy Authentication Required", ["Proxy-Authenticate: NTLM"])
                await writer.drain()
                continue
            raw = base64.b64decode(token.strip(), validate=True)
            kind = int.from_bytes(raw[8:12], "little") if raw[:8] == b"NTLMSSP\x00" else 0
            if kind == 1:
                # use_ntlm: pyspnego's own acceptor, never a system GSSAPI NTLM provider
                context = spnego.server(protocol="ntlm", options=spnego.NegotiateOptions.use_ntlm)
                challenge = context.step(raw)
                log({"event": "type2", "unicodeOffered": bool(int.from_bytes(raw[12:16], "little") & 0x1)})
                reply(writer, "407 Proxy Authentication Required", [f"Proxy-Authenticate: NTLM {base64.b64encode(challenge).decode()}"])
                await writer.drain()
                continue
            if kind == 3 and context is not None:
                facts = describe(raw, challenge)
                try:
                    context.step(raw)
                    ok = context.complete and facts.get("lmField") != "lmv2-wrong"
                    reason = None if ok else "the LMv2 response is wrong"
                except Exception as error:
                    ok, reason = False, f"{type(error).__name__}: {error}"
                log({"event": "type3", "accepted": ok, "reason": reason, **facts})
                context = None
                if ok:
                    await tunnel(target, reader, writer)
                    return
                reply(writer, "407 Proxy Authentication Required", ["Proxy-Authenticate: NTLM"])
                await writer.drain()
                continue
            log({"event": "unexpected", "kind": kind, "hadContext": context is not None})
            reply(writer, "407 Proxy Authentication Required", ["Proxy-Authenticate: NTLM"], close=True)
            await writer.drain()
            return
    except Exception as error:  # one bad client must not stop the lab proxy
        log({"event": "error", "error": f"{type(error).__name__}: {error}"})
    finally:
        try:
            writer.close()
        except Exception:
            pass


async def main() -> None:
    server = await asyncio.start_server(handle, HOST, 0, limit=MAX_HEAD)
    port = server.sockets[0].getsockname()[1]
    print(f"LISTENING {port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        pass
