"""How the app is started (``pontes app``, the browser tests' and benchmarks' servers):
the options it runs with, its warm-up run and its exit code."""

from __future__ import annotations

import sys
import tomllib

import pytest

from pontes.appserver import app_server, run_app, streamlit_command, streamlit_option, warm_up
from pontes.neo4j_server import free_port
from pontes.settings import REPO_ROOT


def test_the_config_file_and_the_command_line_run_the_app_alike():
    """``streamlit run app.py`` in this folder and ``pontes app`` from anywhere: the warm-up
    endpoint on, no full garbage collection after every run."""
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["scriptHealthCheckEnabled"] is True
    assert config["runner"]["postScriptGC"] is False
    cmd = streamlit_command(REPO_ROOT, address="localhost", port=8501)
    assert "--server.scriptHealthCheckEnabled=true" in cmd
    assert "--runner.postScriptGC=false" in cmd


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ((), "8501"),
        (("--server.port", "8600"), "8600"),
        (("--server.port=8601",), "8601"),
        (("--server.port=8601", "--server.port", "8602"), "8602"),  # the last one wins, as in Streamlit
        (("--server.portx=1",), "8501"),
    ],
)
def test_the_port_the_app_listens_on_is_the_last_one_given(extra, expected):
    cmd = streamlit_command(REPO_ROOT, address="localhost", port=8501, extra=extra)
    assert streamlit_option(cmd, "server.port") == expected


def test_an_option_not_given_has_no_value():
    assert streamlit_option(["streamlit", "run", "app.py"], "server.baseUrlPath") is None
    assert streamlit_option(["--server.baseUrlPath"], "server.baseUrlPath") is None  # no value follows


def test_pontes_app_ends_with_the_apps_exit_code():
    """The warm-up waits for an app that ends before it answers: it gives up, and the code passes through."""
    assert run_app([sys.executable, "-c", "raise SystemExit(3)"], port=free_port()) == 3
    assert run_app([sys.executable, "-c", "pass"], port=free_port()) == 0


def test_the_warm_up_runs_the_app_and_tells_a_failing_one(tmp_path):
    """The health check runs the script in a session of its own: the seed app's run ends without
    an error, an app that raises is reported (and left for its page to show), and nothing answers
    on a closed port."""
    seed_env = {
        "PONTES_STORE": "embedded",
        "PONTES_DB_PATH": str(tmp_path / "warm.sqlite"),
        "PONTES_SEEDS": str(REPO_ROOT / "seeds"),
        "PONTES_LANGUAGE": "de",
    }
    with app_server(seed_env, tmp_path / "seed.log") as url:
        assert warm_up(url) is True
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "app.py").write_text("raise ValueError('the first run fails')\n", encoding="utf-8")
    with app_server({}, tmp_path / "broken.log", app_dir=broken) as url:
        assert warm_up(url) is False
    assert warm_up(f"http://127.0.0.1:{free_port()}", timeout=5) is False
