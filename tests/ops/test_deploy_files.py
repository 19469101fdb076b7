"""The operator's files in deploy/ stay valid: nginx accepts the proxy examples, the YAML parses, the gunicorn
configuration loads. (Images, compose and the Helm chart cannot be built or run here: docs/operations.md.)"""

import runpy
import subprocess
from pathlib import Path

import pytest
import yaml
from cluster import nginx_binary

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("site", ["nginx/kring.conf", "compose/nginx.conf"])
def test_nginx_accepts_the_proxy_example(site, tmp_path):
    nginx = nginx_binary()
    if nginx is None:
        pytest.skip("nginx is not installed (apt-get install nginx)")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=t",  # noqa: S607
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = (DEPLOY / site).read_text(encoding="utf-8")
    for name in ("fullchain.pem", "privkey.pem"):
        assert name in text
    text = text.replace("/etc/ssl/kring/fullchain.pem", str(cert)).replace(
        "/etc/ssl/kring/privkey.pem", str(key)
    )
    text = text.replace("/etc/nginx/tls/fullchain.pem", str(cert)).replace(
        "/etc/nginx/tls/privkey.pem", str(key)
    )
    text = text.replace("server web:8000", "server 127.0.0.1:8000")  # compose's service name
    (tmp_path / "site.conf").write_text(text, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include {tmp_path}/site.conf;\n}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [nginx, "-t", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "client_max_body_size 8m" in text
    assert "X-Forwarded-For $remote_addr" in text


@pytest.mark.parametrize("path", ["compose/compose.yaml", "helm/kring/values.yaml", "helm/kring/Chart.yaml"])
def test_yaml_files_parse(path):
    assert yaml.safe_load((DEPLOY / path).read_text(encoding="utf-8"))


def test_the_image_runs_as_non_root_with_a_health_check():
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    assert "USER 10001:10001" in text
    assert "HEALTHCHECK" in text and "/healthz" in text and "KRING_ALLOWED_HOSTS" in text


def test_gunicorn_configuration_loads(monkeypatch):
    monkeypatch.setenv("KRING_WEB_WORKERS", "3")
    namespace = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert namespace["workers"] == 3
    assert namespace["worker_class"] == "gthread"
    assert callable(namespace["on_starting"])
