"""scripts/search-cluster's shell, without starting a JVM (starting nodes is checked by hand and
by the benchmarks: see search-cluster/README.md)."""

import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "search-cluster"

pytestmark = pytest.mark.any_database


def run(*arguments: str, home: Path) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 (our own script)
        ["bash", str(SCRIPT), *arguments],  # noqa: S607 (bash from PATH)
        env={"PATH": "/usr/bin:/bin", "SEARCH_CLUSTER_HOME": str(home)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_the_script_parses():
    result = subprocess.run(["bash", "-n", str(SCRIPT)], capture_output=True, text=True)  # noqa: S603,S607
    assert result.returncode == 0, result.stderr


def test_the_usage_names_every_command(tmp_path):
    usage = run("help", home=tmp_path).stdout
    for command in ("start [--nodes N]", "stop", "status", "url", "kill-node K", "start-node K"):
        assert f"scripts/search-cluster {command}" in usage


@pytest.mark.parametrize("command", ["kill-node", "start-node"])
def test_a_node_command_without_a_cluster_says_so(tmp_path, command):
    result = run(command, "2", home=tmp_path)
    assert result.returncode == 1
    assert f"{command}: no cluster here" in result.stderr


def test_status_without_a_cluster_exits_3(tmp_path):
    result = run("status", home=tmp_path)
    assert (result.returncode, result.stdout) == (3, "not running\n")
