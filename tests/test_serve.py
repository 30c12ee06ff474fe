"""`anjian serve`: gunicorn serves the pages and the static files; HTTPS behind a proxy is recognised."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ANJIAN = [sys.executable, "-m", "anjian.manage"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("ANJIAN_")}
    return {**clean, "ANJIAN_HOME": str(tmp_path), "PYTHONPATH": str(ROOT)}


def fetch(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


@pytest.mark.slow
def test_serve_runs_gunicorn_with_the_login_page_and_static_files(env, tmp_path):
    subprocess.run([*ANJIAN, "migrate", "-v0"], env=env, cwd=tmp_path, check=True, timeout=300)
    port = free_port()
    server = subprocess.Popen(
        [*ANJIAN, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"], env=env, cwd=tmp_path,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                status, headers, body = fetch(f"{base}/login/")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("anjian serve did not answer")
        assert status == 200 and "gunicorn" in headers.get("Server", "") and "登录" in body.decode()
        status, headers, body = fetch(f"{base}/static/web/vendor/htmx.min.js")
        assert status == 200 and "max-age" in headers.get("Cache-Control", "") and len(body) > 1000
        assert (tmp_path / "var" / "static" / "web" / "anjian.css").exists()  # collected for whitenoise/nginx
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=60)
    assert "安监计划网页服务" in out and "gthread" in out


def test_serve_refuses_a_bind_address_without_a_port(env, tmp_path):
    done = subprocess.run(
        [*ANJIAN, "serve", "--bind", "localhost", "--no-collectstatic"], env=env, cwd=tmp_path,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1 and "主机:端口" in done.stderr and "Traceback" not in done.stderr


READ = (
    "import json;from django.conf import settings as s;"
    "print(json.dumps([s.SECURE_PROXY_SSL_HEADER, s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS]))"
)


def test_behind_https_the_proxy_scheme_header_is_trusted_and_cookies_are_secure(env, tmp_path):
    def read(**extra: str) -> list:
        done = subprocess.run(
            [sys.executable, "-c", READ], env={**env, "DJANGO_SETTINGS_MODULE": "anjian.settings", **extra},
            cwd=tmp_path, capture_output=True, text=True, timeout=120, check=True,
        )  # fmt: skip
        return json.loads(done.stdout)

    assert read() == [None, False, 0]
    assert read(ANJIAN_HTTPS="1", ANJIAN_HSTS_SECONDS="31536000") == [
        ["HTTP_X_FORWARDED_PROTO", "https"], True, 31536000,
    ]  # fmt: skip
