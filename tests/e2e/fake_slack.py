"""A local, in-process fake of the Slack Web API for end-to-end tests (stdlib only).

Point ``slack_sdk.WebClient(base_url=slack.api_url, token="xoxb-...")`` at a running
``FakeSlack``. Every request is recorded as a :class:`Call` and answered the way Slack
would answer it (HTTP 200 + ``{"ok": true, ...}``), unless a failure was injected with
:meth:`FakeSlack.fail_next`.

Besides ``/api/<method>`` the server accepts:

* ``/response/<name>`` -- stand-in for Slack ``response_url``s (see :meth:`FakeSlack.response_url`),
  recorded as method ``"response_url:<name>"``;
* ``/upload/<file_id>`` -- the upload URL handed out by ``files.getUploadURLExternal``,
  recorded as method ``"upload:<file_id>"``; the bytes land in :attr:`FakeSlack.uploads`.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import select
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

TEAM_ID = "T0TEAM"
TEAM_NAME = "Test"
BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
APP_ID = "A0APP"

Params = dict[str, Any]
Answer = dict[str, Any]

# Form-encoded parameters that slack_sdk sends as JSON strings.
_JSON_PARAMS = frozenset({"blocks", "view", "attachments", "metadata", "files", "outputs"})
_FIRST_TS_MICROS = 1_700_000_000_000_100
_TS_STEP_MICROS = 100


@dataclass(frozen=True)
class Call:
    """One recorded request. ``headers`` keys are lower-cased."""

    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    ok: bool = True  # False: the call was answered with an error (nothing was done)


@dataclass
class _Failure:
    error: str
    status: int
    retry_after: int | None
    remaining: int


@dataclass
class _User:
    id: str
    name: str
    email: str | None
    tz: str
    is_bot: bool
    deleted: bool

    def as_slack(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "team_id": TEAM_ID,
            "name": self.name,
            "real_name": self.name,
            "tz": self.tz,
            "is_bot": self.is_bot,
            "deleted": self.deleted,
            "profile": {
                "email": self.email,
                "real_name": self.name,
                "display_name": self.name,
            },
        }


@dataclass
class _Reply:
    status: int
    body: Answer
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    """Fake Slack Web API on ``127.0.0.1:<ephemeral port>``, served from a daemon thread."""

    def __init__(
        self,
        trigger_lifetime: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``trigger_lifetime``: seconds a trigger issued with ``issue_trigger`` stays good
        for (Slack's is 3); after it, ``views.open`` answers ``expired_trigger_id``."""
        self.trigger_lifetime, self.clock = trigger_lifetime, clock
        self._issued: dict[str, float] = {}
        self.expired_triggers: list[str] = []
        self._cond = threading.Condition()
        self._calls: list[Call] = []
        self._failures: dict[str, list[_Failure]] = {}
        self._users: dict[str, _User] = {}
        self._used_triggers: set[str] = set()
        self._view_hashes: dict[str, str] = {}
        self._file_names: dict[str, str] = {}
        self._ts_counter = itertools.count()
        self._view_counter = itertools.count(1)
        self._file_counter = itertools.count(1)
        self._channel_counter = itertools.count(1)
        self.channels: dict[str, dict[str, Any]] = {}
        """channel id -> {"name", "is_private", "is_member" (Cascade), "members": set}."""
        self.uploads: dict[str, bytes] = {}
        """file_id -> uploaded file content (the file part if the upload was multipart)."""
        self.raw_uploads: dict[str, bytes] = {}
        """file_id -> the raw upload request body."""
        self.socket_url = ""  # what apps.connections.open hands out (a local stand-in)
        self._held: set[str] = set()
        self._release = threading.Event()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._handlers: dict[str, Callable[[Params], Answer]] = {
            "auth.test": self._auth_test,
            "apps.connections.open": self._apps_connections_open,
            "chat.postMessage": self._chat_post_message,
            "chat.update": self._chat_update,
            "chat.postEphemeral": self._chat_post_ephemeral,
            "chat.delete": self._chat_delete,
            "conversations.open": self._conversations_open,
            "conversations.create": self._conversations_create,
            "conversations.invite": self._conversations_invite,
            "conversations.list": self._conversations_list,
            "views.open": self._views_open_or_push,
            "views.push": self._views_open_or_push,
            "views.update": self._views_update,
            "views.publish": self._views_publish,
            "users.info": self._users_info,
            "users.lookupByEmail": self._users_lookup_by_email,
            "files.getUploadURLExternal": self._files_get_upload_url,
            "files.completeUploadExternal": self._files_complete_upload,
        }

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("FakeSlack is already running")
        self._server = _Server(("127.0.0.1", 0), _Handler, self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # keeps stop() fast
            name="fake-slack",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>`` (no trailing slash)."""
        if self._server is None:
            raise RuntimeError("FakeSlack is not running; call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """Base URL for ``WebClient(base_url=...)``; ends with ``/api/``."""
        return f"{self.base_url}/api/"

    def response_url(self, name: str) -> str:
        """A ``response_url`` whose POSTs are recorded as method ``response_url:<name>``."""
        return f"{self.base_url}/response/{name}"

    # ------------------------------------------------------------------ test API

    def calls(self, method: str | None = None) -> list[Call]:
        with self._cond:
            return [c for c in self._calls if method is None or c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until at least ``count`` calls of ``method`` were recorded; return them all."""
        with self._cond:
            done = self._cond.wait_for(
                lambda: sum(c.method == method for c in self._calls) >= count, timeout
            )
            matching = [c for c in self._calls if c.method == method]
            if not done:
                seen = Counter(c.method for c in self._calls)
                summary = ", ".join(f"{m} x{n}" for m, n in seen.items()) or "none"
                raise AssertionError(
                    f"expected {count} call(s) of {method!r} within {timeout}s, "
                    f"got {len(matching)}; methods seen: {summary}"
                )
            return matching

    def reset(self) -> None:
        """Forget recorded calls (users, injected failures and used triggers are kept)."""
        with self._cond:
            self._calls.clear()

    def add_user(
        self,
        user_id: str,
        *,
        name: str = "Test User",
        email: str | None = None,
        tz: str = "Europe/London",
        is_bot: bool = False,
        deleted: bool = False,
    ) -> None:
        with self._cond:
            self._users[user_id] = _User(user_id, name, email, tz, is_bot, deleted)

    def fail_next(
        self,
        method: str,
        error: str = "ratelimited",
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` with ``{"ok": false, "error": error}``.

        ``status=429`` adds a ``Retry-After`` header (``retry_after``, default 1);
        ``status=500``/``503`` simulates a server error.
        """
        with self._cond:
            self._failures.setdefault(method, []).append(
                _Failure(error, status, retry_after, times)
            )

    def hold(self, *methods: str) -> None:
        """Hang the calls of ``methods`` (Slack hung) until :meth:`release`. A held call whose
        client gave up meanwhile (timed out, or its process died) is never delivered."""
        with self._cond:
            self._held |= set(methods)
            self._release.clear()

    def release(self) -> None:
        with self._cond:
            self._held.clear()
            self._release.set()

    def _wait_if_held(self, method: str) -> None:
        with self._cond:
            held = method in self._held
        if held:
            self._release.wait(timeout=60)

    # ------------------------------------------------------------------ dispatch

    def _dispatch(self, method: str, params: Params, headers: dict[str, str]) -> _Reply:
        with self._cond:
            reply = self._answer(method, params, headers)
            ok = reply.status == 200 and bool(reply.body.get("ok"))
            self._calls.append(Call(method, params, headers, ok))
            self._cond.notify_all()
            return reply

    def _answer(self, method: str, params: Params, headers: dict[str, str]) -> _Reply:
        needs_token = not method.startswith(("response_url:", "upload:"))
        if needs_token and not _is_authed(params, headers):
            return _Reply(200, {"ok": False, "error": "not_authed"})
        failure = self._take_failure(method)
        if failure is not None:
            return failure
        if _blocks_problem(method, params):
            return _Reply(
                200,
                {
                    "ok": False,
                    "error": "invalid_blocks",
                    "errors": [_blocks_problem(method, params)],
                },
            )
        repeated = _repeated_block_id(method, params)
        if repeated:
            message = f"[ERROR] duplicate block_id `{repeated}` [json-pointer:/view/blocks]"
            return _Reply(
                200,
                {
                    "ok": False,
                    "error": "invalid_arguments",
                    "response_metadata": {"messages": [message]},
                },
            )
        handler = self._handlers.get(method)
        return _Reply(200, handler(params) if handler else {"ok": True})

    def _take_failure(self, method: str) -> _Reply | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.remaining -= 1
        if failure.remaining <= 0:
            queue.pop(0)
        headers: dict[str, str] = {}
        if failure.retry_after is not None or failure.status == 429:
            retry_after = 1 if failure.retry_after is None else failure.retry_after
            headers["Retry-After"] = str(retry_after)
        return _Reply(failure.status, {"ok": False, "error": failure.error}, headers)

    def _store_upload(self, file_id: str, raw: bytes, content_type: str) -> None:
        with self._cond:
            self.raw_uploads[file_id] = raw
            self.uploads[file_id] = _multipart_file(raw, content_type) or raw

    def _next_ts(self) -> str:
        micros = _FIRST_TS_MICROS + _TS_STEP_MICROS * next(self._ts_counter)
        return f"{micros // 1_000_000}.{micros % 1_000_000:06d}"

    # ------------------------------------------------------------------ methods

    def _auth_test(self, _params: Params) -> Answer:
        return {
            "ok": True,
            "url": "https://test.slack.com/",
            "team": TEAM_NAME,
            "user": "cascade",
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _apps_connections_open(self, _params: Params) -> Answer:
        if not self.socket_url:
            return {"ok": False, "error": "not_allowed_token_type"}
        return {"ok": True, "url": self.socket_url}

    def _message(self, params: Params, ts: str) -> dict[str, Any]:
        message: dict[str, Any] = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": params.get("text", ""),
            "ts": ts,
        }
        for key in ("blocks", "attachments", "metadata", "thread_ts"):
            if key in params:
                message[key] = params[key]
        return message

    def _chat_post_message(self, params: Params) -> Answer:
        channel = params.get("channel")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not any(params.get(k) for k in ("text", "blocks", "attachments")):
            return {"ok": False, "error": "no_text"}
        ts = self._next_ts()
        channel = _dm_channel(str(channel))
        return {"ok": True, "channel": channel, "ts": ts, "message": self._message(params, ts)}

    def _chat_update(self, params: Params) -> Answer:
        channel, ts = params.get("channel"), params.get("ts")
        if not channel:
            return {"ok": False, "error": "channel_not_found"}
        if not ts:
            return {"ok": False, "error": "message_not_found"}
        return {
            "ok": True,
            "channel": channel,
            "ts": ts,
            "text": params.get("text", ""),
            "message": self._message(params, str(ts)),
        }

    def _chat_post_ephemeral(self, params: Params) -> Answer:
        if not params.get("channel"):
            return {"ok": False, "error": "channel_not_found"}
        if not params.get("user"):
            return {"ok": False, "error": "user_not_in_channel"}
        return {"ok": True, "message_ts": self._next_ts()}

    def _chat_delete(self, params: Params) -> Answer:
        if not params.get("channel") or not params.get("ts"):
            return {"ok": False, "error": "message_not_found"}
        return {"ok": True, "channel": params["channel"], "ts": params["ts"]}

    def _conversations_open(self, params: Params) -> Answer:
        if params.get("channel"):
            return {"ok": True, "channel": {"id": params["channel"]}}
        users = [u for u in str(params.get("users", "")).split(",") if u]
        if not users:
            return {"ok": False, "error": "users_list_not_supplied"}
        channel_id = "D" + users[0] if len(users) == 1 else "G" + "".join(sorted(users))
        return {"ok": True, "channel": {"id": channel_id}}

    def add_channel(self, name: str, *, ours: bool = False, private: bool = False) -> str:
        """A channel that exists already (made by Cascade before, when ``ours``)."""
        with self._cond:
            return self._make_channel(name, private, ours)

    def _make_channel(self, name: str, private: bool, ours: bool) -> str:
        channel_id = f"C{next(self._channel_counter):06d}"
        self.channels[channel_id] = {
            "name": name,
            "is_private": private,
            "is_member": ours,
            "members": set(),
            "creator": BOT_USER_ID if ours else "USOMEONE",
        }
        return channel_id

    def _conversations_create(self, params: Params) -> Answer:
        name = str(params.get("name", ""))
        if not name or name != name.lower() or " " in name or len(name) > 80:
            return {"ok": False, "error": "invalid_name_specials"}
        if any(c["name"] == name for c in self.channels.values()):
            return {"ok": False, "error": "name_taken"}
        private = str(params.get("is_private", "")).lower() in ("1", "true")
        channel_id = self._make_channel(name, private, ours=True)
        return {"ok": True, "channel": {"id": channel_id, "name": name, "is_private": private}}

    def _conversations_invite(self, params: Params) -> Answer:
        channel = self.channels.get(str(params.get("channel", "")))
        if channel is None or not channel["is_member"]:
            return {"ok": False, "error": "channel_not_found"}
        users = {u for u in str(params.get("users", "")).split(",") if u}
        if users <= channel["members"]:
            return {"ok": False, "error": "already_in_channel"}
        channel["members"] |= users
        return {"ok": True, "channel": {"id": params["channel"]}}

    def _conversations_list(self, params: Params) -> Answer:
        types = str(params.get("types", "public_channel")).split(",")
        listed = [
            {
                "id": i,
                "name": c["name"],
                "is_private": c["is_private"],
                "is_member": c["is_member"],
                "creator": c.get("creator", "USOMEONE"),
            }
            for i, c in self.channels.items()
            if ("private_channel" if c["is_private"] else "public_channel") in types
            and (c["is_member"] or not c["is_private"])
        ]
        return {"ok": True, "channels": listed, "response_metadata": {"next_cursor": ""}}

    def _new_view(self, submitted: Any, view_id: str | None = None) -> dict[str, Any]:
        view_id = view_id or f"V{next(self._view_counter):04d}"
        view_hash = f"{self._next_ts()}.{view_id.lower()}"
        self._view_hashes[view_id] = view_hash
        fields = submitted if isinstance(submitted, dict) else {}
        return {
            "team_id": TEAM_ID,
            "app_id": APP_ID,
            "bot_id": BOT_ID,
            "private_metadata": "",
            "callback_id": "",
            "external_id": "",
            "state": {"values": {}},
            "root_view_id": view_id,
            "previous_view_id": None,
            **fields,
            "id": view_id,
            "hash": view_hash,
        }

    def _views_open_or_push(self, params: Params) -> Answer:
        trigger_id = params.get("trigger_id")
        if not trigger_id or not params.get("view"):
            return {"ok": False, "error": "invalid_arguments"}
        trigger_id = str(trigger_id)
        if trigger_id.startswith("expired") or self._too_late(trigger_id):
            return {"ok": False, "error": "expired_trigger_id"}
        if trigger_id in self._used_triggers:
            return {"ok": False, "error": "exchanged_trigger_id"}
        self._used_triggers.add(trigger_id)
        return {"ok": True, "view": self._new_view(params["view"])}

    def issue_trigger(self, trigger_id: str) -> str:
        """A trigger Slack hands out now, with a request (it expires after the lifetime)."""
        self._issued[trigger_id] = self.clock()
        return trigger_id

    def _too_late(self, trigger_id: str) -> bool:
        issued = self._issued.get(trigger_id)
        if self.trigger_lifetime is None or issued is None:
            return False
        late = self.clock() - issued > self.trigger_lifetime
        if late:
            self.expired_triggers.append(trigger_id)
        return late

    def _views_update(self, params: Params) -> Answer:
        if not params.get("view"):
            return {"ok": False, "error": "invalid_arguments"}
        view_id = params.get("view_id")
        current_hash = self._view_hashes.get(view_id) if view_id else None
        if params.get("hash") and current_hash and params["hash"] != current_hash:
            return {"ok": False, "error": "hash_conflict"}
        return {"ok": True, "view": self._new_view(params["view"], view_id or None)}

    def _views_publish(self, params: Params) -> Answer:
        if not params.get("user_id") or not params.get("view"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True, "view": self._new_view(params["view"])}

    def _users_info(self, params: Params) -> Answer:
        user = self._users.get(str(params.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user.as_slack()}

    def _users_lookup_by_email(self, params: Params) -> Answer:
        email = str(params.get("email", "")).lower()
        for user in self._users.values():
            if user.email is not None and user.email.lower() == email:
                return {"ok": True, "user": user.as_slack()}
        return {"ok": False, "error": "users_not_found"}

    def _files_get_upload_url(self, params: Params) -> Answer:
        if not params.get("filename") or not params.get("length"):
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._file_counter):04d}"
        self._file_names[file_id] = str(params["filename"])
        return {"ok": True, "file_id": file_id, "upload_url": f"{self.base_url}/upload/{file_id}"}

    def _files_complete_upload(self, params: Params) -> Answer:
        files = params.get("files")
        if not isinstance(files, list) or not files:
            return {"ok": False, "error": "invalid_arguments"}
        done = []
        for item in files:
            file_id = str(item.get("id", ""))
            if file_id not in self._file_names:
                return {"ok": False, "error": "file_not_found"}
            name = self._file_names[file_id]
            done.append({"id": file_id, "name": name, "title": item.get("title") or name})
        return {"ok": True, "files": done}


# ---------------------------------------------------------------------- HTTP plumbing


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Slack takes any number of calls at once; the standard backlog of 5 would reset a burst's
    # connections (opening day's fifty forms at once) before they were even read.
    request_queue_size = 256

    def __init__(
        self,
        address: tuple[str, int],
        handler: type[BaseHTTPRequestHandler],
        fake: FakeSlack,
    ) -> None:
        super().__init__(address, handler)
        self.fake = fake


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _handle(self) -> None:
        fake = self.server.fake
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        content_type = headers.get("content-type", "")
        kind, _, name = url.path.lstrip("/").partition("/")
        if not name or kind not in ("api", "response", "upload"):
            self._send(_Reply(404, {"ok": False, "error": "unknown_method"}))
            return
        if kind == "upload":
            fake._store_upload(name, raw, content_type)
            reply = fake._dispatch(f"upload:{name}", {"length": len(raw)}, headers)
            self._send(reply)
            return
        params = _parse_query(url.query)
        params.update(_parse_body(raw, content_type))
        method = name if kind == "api" else f"response_url:{name}"
        fake._wait_if_held(method)
        if self._caller_gone():
            return  # like Slack behind a hung gateway: the request never got through
        self._send(fake._dispatch(method, _decode_json_params(params), headers))

    def _caller_gone(self) -> bool:
        """The client closed its connection (it timed out, or its process died)."""
        readable, _, _ = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def _send(self, reply: _Reply) -> None:
        body = json.dumps(reply.body).encode()
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for key, value in reply.headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)


def _is_authed(params: Params, headers: dict[str, str]) -> bool:
    auth = headers.get("authorization", "")
    tokens = ("xox", "xapp")  # bot tokens, and the app-level token of Socket Mode
    return auth.startswith(tuple(f"Bearer {t}" for t in tokens)) or str(
        params.get("token", "")
    ).startswith(tokens)


def _dm_channel(channel: str) -> str:
    """Posting to a user id lands in the DM channel ``conversations.open`` would return."""
    return "D" + channel if channel[:1] in ("U", "W") else channel


def _flatten(multi: dict[str, list[str]]) -> Params:
    return {k: v[0] if len(v) == 1 else v for k, v in multi.items()}


def _parse_query(query: str) -> Params:
    return _flatten(parse_qs(query, keep_blank_values=True))


def _parse_body(raw: bytes, content_type: str) -> Params:
    if not raw:
        return {}
    media_type = content_type.split(";")[0].strip().lower()
    if media_type == "application/json":
        data = json.loads(raw)
        return data if isinstance(data, dict) else {"_json": data}
    if media_type == "multipart/form-data":
        return _multipart_fields(raw, content_type)
    return _flatten(parse_qs(raw.decode(), keep_blank_values=True))


def _decode_json_params(params: Params) -> Params:
    for key in _JSON_PARAMS & params.keys():
        value = params[key]
        if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
            with contextlib.suppress(ValueError):
                params[key] = json.loads(value)
    return params


def _multipart_parts(raw: bytes, content_type: str) -> list[Any]:
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + raw)
    return list(message.iter_parts()) if message.is_multipart() else []


def _multipart_fields(raw: bytes, content_type: str) -> Params:
    fields: Params = {}
    for part in _multipart_parts(raw, content_type):
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        fields[str(name)] = payload if part.get_filename() else payload.decode()
    return fields


def _multipart_file(raw: bytes, content_type: str) -> bytes | None:
    if not content_type.lower().startswith("multipart/form-data"):
        return None
    parts = _multipart_parts(raw, content_type)
    files = [p for p in parts if p.get_filename()] or parts
    return (files[0].get_payload(decode=True) or b"") if files else None


_MESSAGE_METHODS = ("chat.postMessage", "chat.update", "chat.postEphemeral")
_VIEW_METHODS = ("views.open", "views.push", "views.update", "views.publish")


def _blocks_problem(method: str, params: Params) -> str:
    """What Slack would reject in the blocks: too many, or repeated action_ids in one block."""
    if method in _MESSAGE_METHODS:
        blocks, limit = params.get("blocks") or [], 50
    elif method in _VIEW_METHODS:
        view = params.get("view") or {}
        blocks, limit = (view.get("blocks") or []) if isinstance(view, dict) else [], 100
    else:
        return ""
    if not isinstance(blocks, list):
        return ""
    if len(blocks) > limit:
        return f"more than {limit} blocks"
    for block in blocks:
        elements = block.get("elements") if block.get("type") == "actions" else None
        ids = [e.get("action_id") for e in elements or [] if e.get("action_id")]
        if len(ids) != len(set(ids)):
            return f"repeated action_id in block {block.get('block_id', '?')}"
    return ""


def _repeated_block_id(method: str, params: Params) -> str:
    """A block_id used twice in a view: Slack refuses the whole view (invalid_arguments)."""
    view = params.get("view") if method in _VIEW_METHODS else None
    blocks = view.get("blocks") if isinstance(view, dict) else None
    if not isinstance(blocks, list):
        return ""
    seen: set[str] = set()
    for block in blocks:
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(block_id, str) and block_id in seen:
            return block_id
        if isinstance(block_id, str):
            seen.add(block_id)
    return ""
