#!/usr/bin/env -S uv run --script
# /// script
# dependencies = ["nox>=2025.10.14"]
# ///
"""Developer tasks: ``nox -l`` lists them, ``nox -s tests-3.12`` runs one.

``.ci/run`` is what CI runs here (one Python, in a fresh virtual environment); these
sessions add the other supported Pythons and the chores around a release.
"""

from __future__ import annotations

import nox

nox.needs_version = ">=2025.10.14"
nox.options.default_venv_backend = "uv|virtualenv"

PYTHONS = ["3.10", "3.11", "3.12", "3.13"]


@nox.session(python=PYTHONS, default=True)
def tests(session: nox.Session) -> None:
    """The test suite on each supported Python (``-- -m 'not slow'`` to pass pytest args)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"})


@nox.session(default=True)
def lint(session: nox.Session) -> None:
    """ruff, ruff format and mypy --strict, as pre-commit runs them."""
    session.install("-e", ".[dev]")
    session.run("ruff", "check", "src", "tests")
    session.run("ruff", "format", "--check", "src", "tests")
    session.run("mypy", "--strict", "src")


@nox.session(default=True)
def docs(session: nox.Session) -> None:
    """Build the documentation site into site/ (``-- serve`` to preview it)."""
    session.install("-e", ".[docs]")
    if session.posargs and session.posargs[0] == "serve":
        session.run("mkdocs", "serve")
    else:
        session.run("mkdocs", "build", "--strict")


@nox.session(default=False)
def compat(session: nox.Session) -> None:
    """The schema and API compatibility gate against the last release."""
    session.install("-e", ".[test,dev]")
    session.run("python", "compat/gate.py", "check")


@nox.session(default=False)
def build(session: nox.Session) -> None:
    """Build the sdist and the wheel into dist/ and check them as PyPI will."""
    session.install("build", "twine", "check-wheel-contents")
    session.run("python", "-m", "build", "--outdir", "dist")
    session.run("twine", "check", "--strict", *_dist(session))
    session.run("check-wheel-contents", *_dist(session, "*.whl"))


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """The quick benchmark against pydantic and msgspec (``-- --full`` for the 1 GB run)."""
    session.install("-e", ".[bench]")
    args = [] if "--full" in session.posargs else ["--quick"]
    session.run("python", "benchmarks/run.py", *args)


def _dist(session: nox.Session, pattern: str = "*") -> list[str]:
    from pathlib import Path

    return [str(p) for p in sorted(Path("dist").glob(pattern))]


if __name__ == "__main__":
    nox.main()
