"""Partner toolchains: Ajv (strict mode, with ajv-formats) in Node.js, and
datamodel-code-generator in Python. ``.ci/run`` installs both; elsewhere these
tests skip and say what to install."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import typing
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import incidentkit
from _paths import ROOT
from incidentkit import examples, to_dict
from incidentkit._fields import HTTP_URL_PATTERN, compile_pattern
from incidentkit.schema import bundle_schema, schema_files
from schema_cases import MUTATIONS, PATTERNS, mutated, tricky_variants

NODE_MODULES = ROOT / ".ci" / "node" / "node_modules"
AJV_SCRIPT = ROOT / "tests" / "node" / "ajv_check.cjs"

needs_ajv = pytest.mark.skipif(
    shutil.which("node") is None or not (NODE_MODULES / "ajv-formats").is_dir(),
    reason="needs Node.js and Ajv: npm ci --prefix .ci/node (as .ci/run does)",
)

#: Partner toolchains (Ajv under Node.js, code generators) run in subprocesses.
pytestmark = pytest.mark.slow


def ajv(dialect: str, schemas: list[dict[str, Any]] | None = None, **request: Any) -> Any:
    """Run the Ajv script on ``schemas`` (default: every schema file of ``dialect``)."""
    if schemas is None:
        schemas = list(schema_files(dialect).values())  # type: ignore[arg-type]
    payload = {"dialect": dialect, "schemas": schemas, **request}
    done = subprocess.run(
        ["node", str(AJV_SCRIPT)],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env={**os.environ, "INCIDENTKIT_NODE_MODULES": str(NODE_MODULES)},
        check=False,
    )
    assert done.returncode == 0, f"Ajv refused the {dialect} schemas: {done.stderr}"
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["warnings"] == []
    return result


def bundle_id(dialect: str) -> str:
    return str(bundle_schema(dialect)["$id"])  # type: ignore[arg-type]


@needs_ajv
@pytest.mark.parametrize("dialect", ["2020-12", "draft-07"])
def test_ajv_strict_compiles_every_schema_and_accepts_the_examples(dialect: str) -> None:
    checks = [{"id": bundle_id(dialect), "data": to_dict(r)} for r in examples.RECORDS]
    files = schema_files(dialect)  # type: ignore[arg-type]
    for record in examples.RECORDS:
        own = files[f"{type(record).__name__.lower()}.schema.json"]
        checks.append({"id": own["$id"], "data": to_dict(record)})
    result = ajv(dialect, validate=checks)
    assert result["valid"] == [[True, []]] * len(checks)


@needs_ajv
@pytest.mark.parametrize("dialect", ["2020-12", "draft-07"])
def test_ajv_refuses_every_field_level_mutation(dialect: str) -> None:
    names = [m[0] for m in MUTATIONS]
    checks = [{"id": bundle_id(dialect), "data": mutated(name)[0]} for name in names]
    result = ajv(dialect, validate=checks)
    accepted = [name for name, (ok, _) in zip(names, result["valid"], strict=True) if ok]
    assert accepted == []


@needs_ajv
@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_patterns_mean_the_same_in_python_and_ecma_262(data: st.DataObject) -> None:
    cases = []
    for pattern in PATTERNS:
        samples = data.draw(st.lists(st.from_regex(compile_pattern(pattern)), min_size=3))
        strings = samples + [s for sample in samples for s in tricky_variants(sample)]
        cases.append((pattern, strings))
    request = [{"pattern": p, "strings": s} for p, s in cases]
    result = ajv("2020-12", schemas=[], patterns=request)
    for (pattern, strings), in_js in zip(cases, result["patterns"], strict=True):
        in_python = [compile_pattern(pattern).search(s) is not None for s in strings]
        differ = [s for s, a, b in zip(strings, in_python, in_js, strict=True) if a != b]
        assert differ == [], f"{pattern}: Python and ECMA-262 disagree on {differ[:5]!r}"


@needs_ajv
@settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.from_regex(compile_pattern(HTTP_URL_PATTERN)), min_size=20, max_size=20))
def test_urls_the_library_accepts_are_uris_to_every_checker(urls: list[str]) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="in the test extra")
    checker = jsonschema.Draft202012Validator.FORMAT_CHECKER
    assert [u for u in urls if not checker.conforms(u, "uri")] == []
    uri = {"$id": "urn:incidentkit:test:uri", "type": "string", "format": "uri"}
    checks = [{"id": uri["$id"], "data": url} for url in urls]
    result = ajv("2020-12", schemas=[uri], validate=checks)
    assert [url for url, (ok, _) in zip(urls, result["valid"], strict=True) if not ok] == []


# ---------------------------------------------------------------- datamodel-code-generator


@pytest.fixture(scope="module")
def generated_models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    pytest.importorskip(
        "datamodel_code_generator",
        reason="datamodel-code-generator is installed by .ci/run (partner toolchains)",
    )
    folder = tmp_path_factory.mktemp("models")
    source = folder / "incidentkit.schema.json"
    source.write_text(json.dumps(bundle_schema()), encoding="utf-8")
    target = folder / "partner_models.py"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "datamodel_code_generator",
            "--input",
            str(source),
            "--input-file-type",
            "jsonschema",
            "--output-model-type",
            "pydantic_v2.BaseModel",
            "--output",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    spec = importlib.util.spec_from_file_location("partner_models", target)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["partner_models"] = module
    spec.loader.exec_module(module)
    return module


def test_generated_models_have_literal_tags(generated_models: Any) -> None:
    for name in ("Person", "Organization", "Group"):
        annotation = generated_models.__dict__[name].model_fields["type"].annotation
        assert typing.get_origin(annotation) is typing.Literal
        assert typing.get_args(annotation) == (name.lower(),)


def test_generated_models_parse_the_examples(generated_models: Any) -> None:
    root = generated_models.IncidentkitRecords
    for record in examples.RECORDS:
        parsed = root.model_validate_json(incidentkit.dumps(record))
        assert type(parsed.root).__name__ == type(record).__name__
        assert parsed.root.id == record.id
    with pytest.raises(ValueError, match="skirmish"):
        root.model_validate(mutated("bad enum")[0])
