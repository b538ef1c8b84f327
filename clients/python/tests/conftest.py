"""A real Riskgate server for the client's tests: ``riskgate serve`` from the project's jar
on a free loopback port, with a temporary configuration and data directory.

The jar is ``app/target/riskgate.jar`` (``RISKGATE_JAR`` overrides it); when it is missing
it is built with the project's Maven wrapper under the shared build lock. The server's
clock is off (``engine.timerMillis: 0``) so that nothing but the tests moves its time; the
tests stamp their events with the present time (the client's default), which only grows.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CLIENT = HERE.parent
REPO = CLIENT.parent.parent
try:  # the installed client when there is one (CI installs it), else the working tree's
    import riskgate  # noqa: F401
except ImportError:
    sys.path.insert(0, str(CLIENT / "src"))
sys.path.insert(0, str(CLIENT / "examples"))

TRADER = "trader-token"
TRADER_S1 = "trader-s1-token"
RISK = "risk-token"
VIEWER = "viewer-token"


def _sha(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


CONFIG = """\
server: {{host: 127.0.0.1, port: 0, maxBodyBytes: 8192, streamIntervalMillis: 200}}
journal: {{dir: "{data}"}}
engine: {{timerMillis: 0}}
instruments:
  - {{symbol: BTC-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}}
  - {{symbol: ETH-USDT, venue: X, currency: USD, tickSize: 0.01, lotSize: 0.001, assetClass: crypto}}
  - {{symbol: GRD-USD, venue: X, currency: USD, tickSize: 0.01, lotSize: 1, assetClass: equity}}
accounts:
  - {{account: A1, capital: 1000000, currency: USD}}
strategies:
  - {{strategy: S1, account: A1, allocation: 500000}}
  - {{strategy: S2, account: A1, allocation: 200000}}
  - {{strategy: FT, account: A1, allocation: 200000}}
  - {{strategy: GUARD, account: A1, allocation: 200000}}
limits:
  - {{scope: "account:A1", limits: {{minLiquidity: null, maxCorrelation: null}}}}
tokens:
  - {{name: desk, role: trader, sha256: "{trader}", strategies: [S1, S2, FT, GUARD]}}
  - {{name: desk-s1, role: trader, sha256: "{trader_s1}", strategies: [S1]}}
  - {{name: officer, role: risk, sha256: "{risk}"}}
  - {{name: screen, role: viewer, sha256: "{viewer}"}}
"""


def jar_path() -> Path:
    override = os.environ.get("RISKGATE_JAR")
    if override:
        return Path(override)
    jar = REPO / "app" / "target" / "riskgate.jar"
    if not jar.exists():
        subprocess.run(
            [
                "flock",
                "/tmp/riskgate-mvn.lock",
                "./mvnw",
                "-B",
                "-q",
                "-pl",
                "app",
                "-am",
                "package",
                "-DskipTests",
            ],
            cwd=REPO,
            check=True,
        )
    return jar


class RunningServer:
    """``riskgate serve`` in a child process; ``url`` once it printed that it is ready."""

    def __init__(self, directory: Path):
        data = directory / "data"
        config = directory / "riskgate.yaml"
        config.write_text(
            CONFIG.format(
                data=data,
                trader=_sha(TRADER),
                trader_s1=_sha(TRADER_S1),
                risk=_sha(RISK),
                viewer=_sha(VIEWER),
            )
        )
        self.lines: list = []
        self.process = subprocess.Popen(
            ["java", "-jar", str(jar_path()), "serve", "--config", str(config), "--data", str(data)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        ready = threading.Event()
        found: dict = {}

        def drain() -> None:
            for line in self.process.stdout:
                self.lines.append(line)
                match = re.search(r"listening on (http://\S+) \(ready\)", line)
                if match:
                    found["url"] = match.group(1)
                    ready.set()
            ready.set()

        threading.Thread(target=drain, daemon=True).start()
        if not ready.wait(90) or "url" not in found:
            self.stop()
            raise RuntimeError("riskgate serve did not become ready:\n" + "".join(self.lines))
        self.url = found["url"]
        self.port = int(self.url.rsplit(":", 1)[1])

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    running = RunningServer(tmp_path_factory.mktemp("riskgate"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def prices(server):
    """Quotes for both instruments, so orders can be valued."""
    import riskgate

    risk = riskgate.Client(server.url, TRADER)
    risk.post_price("BTC-USD", bid="43000", ask="43001")
    risk.post_price("ETH-USDT", bid="2500", ask="2500.5")
    return {"BTC-USD": "43001", "ETH-USDT": "2500.5"}


@pytest.fixture
def trader(server, prices):
    import riskgate

    with riskgate.Client(server.url, TRADER, timeout=10) as client:
        yield client


@pytest.fixture
def risk(server):
    import riskgate

    with riskgate.Client(server.url, RISK, timeout=10) as client:
        yield client


@pytest.fixture
def viewer(server):
    import riskgate

    with riskgate.Client(server.url, VIEWER, timeout=10) as client:
        yield client


def unique(prefix: str) -> str:
    """A fresh id for a test's order, fill or request."""
    return f"{prefix}-{time.monotonic_ns()}"
