"""Compatibility gate: the schemas and the Python API against the last release.

``python compat/gate.py check`` compares

- every schema file in ``schemas/`` with the same file in ``compat/baseline/schemas/``
  (the schemas of the last release), with jsoncompat in both roles: *deserializer*
  (data valid under the old schema must stay valid under the new one) and
  *serializer* (data valid under the new schema must be valid under the old one,
  once the additions the versioning policy allows are set aside: new optional
  properties, new enum values, new members of a union, new definitions and files);
- the public Python API in ``src/`` with the last release, with griffe: the git tag
  ``v<version>`` when it exists, else the stubs in ``compat/baseline/api/``.

A breaking change fails the gate unless the version in ``src/incidentkit/__init__.py``
raises the major part (the minor part before 1.0) of the baseline's version *and*
CHANGELOG.md names each break (its subject, such as ``Count.high`` or
``codec.dumps``) above the baseline's section. See docs/versioning.md.

``python compat/gate.py refresh`` makes the current state the baseline; run it when
a release is tagged (docs/development.md, "Releasing").
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "compat" / "baseline"

# Keywords that document a schema without changing what it accepts.
_ANNOTATIONS = {"title", "description", "examples", "default", "$comment", "$id", "$schema"}
# Keywords whose value is a map of names to subschemas.
_MAPS = {"properties", "$defs", "definitions", "patternProperties", "dependentSchemas"}
_ROOT = "__root__"


class Break:
    """One breaking change: what it touches (``subject``) and why it breaks."""

    def __init__(self, area: str, subject: str, message: str) -> None:
        self.area = area
        self.subject = subject
        self.message = message

    def __str__(self) -> str:
        return f"{self.area}: {self.subject}: {self.message}"


# ---------------------------------------------------------------- versions


def version_of(root: Path) -> str:
    text = (root / "src" / "incidentkit" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.MULTILINE)
    if match is None:
        raise SystemExit("no __version__ in src/incidentkit/__init__.py")
    return match.group(1)


def _parts(version: str) -> tuple[int, int]:
    major, minor = (int(re.match(r"\d+", p).group()) for p in version.split(".")[:2])  # type: ignore[union-attr]
    return major, minor


def breaking_bump(old: str, new: str) -> bool:
    """Whether ``new`` may break ``old``'s users: a new major, or a new minor before 1.0."""
    (old_major, old_minor), (new_major, new_minor) = _parts(old), _parts(new)
    if new_major > old_major:
        return True
    return old_major == 0 and new_major == 0 and new_minor > old_minor


def changelog_section(changelog: str, baseline_version: str) -> str:
    """The changelog text written since the baseline: from the first ``## [`` heading
    to the baseline's own heading (or the end)."""
    start = changelog.find("\n## [")
    end = changelog.find(f"\n## [{baseline_version}]")
    return changelog[start : end if end > start else len(changelog)]


# ---------------------------------------------------------------- schemas


def _walk(schema: Any, fn: Any) -> Any:
    """Rebuild a schema, passing every subschema (a dict) through ``fn`` first."""
    if isinstance(schema, list):
        return [_walk(s, fn) for s in schema]
    if not isinstance(schema, dict):
        return schema
    schema = fn(schema)
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _MAPS and isinstance(value, dict):
            out[key] = {name: _walk(sub, fn) for name, sub in value.items()}
        elif key in ("enum", "const", "required", "type") or key in _ANNOTATIONS:
            out[key] = value
        else:
            out[key] = _walk(value, fn)
    return out


def _strip(schema: Any) -> Any:
    """A schema without its annotations: what it accepts, nothing else."""
    return _walk(schema, lambda s: {k: v for k, v in s.items() if k not in _ANNOTATIONS})


def normalize(document: dict[str, Any]) -> dict[str, Any]:
    """One shape jsoncompat reads: every definition under ``$defs``, the root one
    included (as ``__root__``), and only ``#/$defs/...`` references."""
    document = copy.deepcopy(document)
    defs = document.pop("$defs", None) or document.pop("definitions", None) or {}
    for key in ("$id", "$schema"):
        document.pop(key, None)

    def refs(schema: dict[str, Any]) -> dict[str, Any]:
        ref = schema.get("$ref")
        if ref == "#":
            return {**schema, "$ref": f"#/$defs/{_ROOT}"}
        if isinstance(ref, str) and ref.startswith("#/definitions/"):
            return {**schema, "$ref": "#/$defs/" + ref.removeprefix("#/definitions/")}
        return schema

    defs = {name: _walk(sub, refs) for name, sub in defs.items()}
    defs[_ROOT] = _walk(document, refs)
    return {"$defs": defs}


def _ref_name(schema: Any) -> str | None:
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return ref.removeprefix("#/$defs/") if isinstance(ref, str) else None


def without_additions(new: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """``new`` with what the policy counts as additions set aside: properties, enum
    values and union members that ``old`` does not have. What is left must not
    accept anything ``old`` refuses (the serializer role)."""
    old_defs, new_defs = old["$defs"], new["$defs"]

    def project(new_schema: Any, old_schema: Any) -> Any:
        if not isinstance(new_schema, dict) or not isinstance(old_schema, dict):
            return new_schema
        out = dict(new_schema)
        if isinstance(out.get("enum"), list) and isinstance(old_schema.get("enum"), list):
            out["enum"] = [v for v in out["enum"] if v in old_schema["enum"]]
        for key in ("oneOf", "anyOf"):
            if isinstance(out.get(key), list):
                out[key] = [
                    s for s in out[key] if _ref_name(s) is None or _ref_name(s) in old_defs
                ]
        if isinstance(out.get("properties"), dict) and isinstance(
            old_schema.get("properties"), dict
        ):
            out["properties"] = {
                name: project(sub, old_schema["properties"][name])
                for name, sub in out["properties"].items()
                if name in old_schema["properties"]
            }
        for key, value in out.items():
            if key in _MAPS or key in ("enum", "oneOf", "anyOf") or key in _ANNOTATIONS:
                continue
            if isinstance(value, dict):
                out[key] = project(value, old_schema.get(key))
            elif isinstance(value, list) and isinstance(old_schema.get(key), list):
                olds = old_schema[key]
                out[key] = [
                    project(v, olds[i]) if i < len(olds) else v for i, v in enumerate(value)
                ]
        return out

    return {
        "$defs": {
            name: project(sub, old_defs.get(name, sub)) if name in old_defs else sub
            for name, sub in new_defs.items()
        }
    }


def _differences(old: Any, new: Any, path: str = "") -> Iterator[str]:
    """Human-readable keyword differences between two stripped subschemas."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in sorted(set(old) | set(new), key=str):
            where = f"{path}.{key}" if path else key
            if key not in new:
                yield f"{where} removed (was {json.dumps(old[key])})"
            elif key not in old:
                yield f"{where} added: {json.dumps(new[key])}"
            else:
                yield from _differences(old[key], new[key], where)
    elif old != new:
        yield f"{path or 'schema'}: {json.dumps(old)} -> {json.dumps(new)}"


def _describe(name: str, old: dict[str, Any], new: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(subject, what changed) pairs for one definition, property by property."""
    label = "(root)" if name == _ROOT else name
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for prop in old_props:
        if prop not in new_props:
            yield f"{label}.{prop}", "property removed"
        elif old_props[prop] != new_props[prop]:
            yield f"{label}.{prop}", "; ".join(_differences(old_props[prop], new_props[prop]))
    rest_old = {k: v for k, v in old.items() if k != "properties"}
    rest_new = {k: v for k, v in new.items() if k != "properties"}
    if rest_old != rest_new:
        yield label, "; ".join(_differences(rest_old, rest_new))


def schema_breaks(old_doc: dict[str, Any], new_doc: dict[str, Any], file: str) -> list[Break]:
    """The breaking changes from one schema document to its next version."""
    from jsoncompat import check_compat

    old, new = normalize(old_doc), normalize(new_doc)
    root_title = old_doc.get("title", file)
    projected = without_additions(new, old)
    found: list[Break] = []

    def at(doc: dict[str, Any], name: str) -> str:
        return json.dumps({"$defs": doc["$defs"], "$ref": f"#/$defs/{name}"})

    for name, old_def in old["$defs"].items():
        label = root_title if name == _ROOT else name
        area = f"schemas/{file}"
        if name not in new["$defs"]:
            found.append(Break(area, label, "definition removed"))
            continue
        old_s, new_s = _strip(old_def), _strip(new["$defs"][name])
        if old_s == new_s:
            continue
        newly_required = sorted(set(new_s.get("required", [])) - set(old_s.get("required", [])))
        for prop in newly_required:
            found.append(
                Break(area, f"{label}.{prop}", "now required (data without it is refused)")
            )
        proj_s = _strip(projected["$defs"][name])
        if proj_s == {
            **old_s,
            **({"required": proj_s["required"]} if "required" in proj_s else {}),
        }:
            continue  # only additions
        roles = []
        if not check_compat(at(old, name), at(new, name), "deserializer"):
            roles.append("deserializer: data valid under the old schema is refused")
        if not check_compat(at(old, name), at(projected, name), "serializer"):
            roles.append("serializer: the new schema allows data the old one refuses")
        if not roles:
            continue
        for subject, what in _describe(
            name, old_s, proj_s if len(roles) == 1 and roles[0].startswith("serializer") else new_s
        ):
            shown = (
                root_title + subject.removeprefix("(root)")
                if subject.startswith("(root)")
                else subject
            )
            found.append(Break(area, shown, f"{what} [{'; '.join(roles)}]"))
        if not any(b.area == area and b.subject.split(".")[0] == label for b in found):
            found.append(Break(area, label, "; ".join(roles)))
    return found


def schemas_breaks(old_dir: Path, new_dir: Path) -> list[Break]:
    found: list[Break] = []
    for old_path in sorted(old_dir.glob("*.json")):
        new_path = new_dir / old_path.name
        if not new_path.exists():
            found.append(Break(f"schemas/{old_path.name}", old_path.name, "schema file removed"))
            continue
        old_doc = json.loads(old_path.read_text(encoding="utf-8"))
        new_doc = json.loads(new_path.read_text(encoding="utf-8"))
        found.extend(schema_breaks(old_doc, new_doc, old_path.name))
    return found


# ---------------------------------------------------------------- Python API


def _git_tag_exists(root: Path, tag: str) -> bool:
    result = subprocess.run(
        ["git", "-C", str(root), "tag", "--list", tag], capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and result.stdout.strip() == tag


def api_breaks(root: Path, src: Path, baseline: Path, version: str) -> list[Break]:
    import griffe

    tag = f"v{version}"
    if _git_tag_exists(root, tag):
        old = griffe.load_git("incidentkit", ref=tag, repo=root, search_paths=["src"])
    else:
        old = griffe.load("incidentkit", search_paths=[str(baseline / "api")])
    new = griffe.load("incidentkit", search_paths=[str(src)])
    found = []
    for breakage in griffe.find_breaking_changes(old, new):
        if (
            breakage.kind is griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT
            and getattr(breakage.old_value, "default", None) == "..."
        ):
            continue  # the stubs do not keep every default
        path = breakage.obj.path.removeprefix("incidentkit.")
        found.append(Break("API", path, f"{breakage.kind.value}: {breakage.explain()}"))
    return found


# ---------------------------------------------------------------- commands


def check(args: argparse.Namespace) -> int:
    root: Path = args.root
    baseline: Path = args.baseline
    old_version = (baseline / "version.txt").read_text(encoding="utf-8").strip()
    version = args.version or version_of(root)
    breaks = schemas_breaks(baseline / "schemas", args.schemas or root / "schemas")
    breaks += api_breaks(root, args.src or root / "src", baseline, old_version)
    if not breaks:
        print(f"compat: no breaking change since {old_version} (schemas and Python API)")
        return 0
    changelog = (args.changelog or root / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog_section(changelog, old_version)
    bumped = breaking_bump(old_version, version)
    unnamed = [
        b for b in breaks if b.subject not in section and f"incidentkit.{b.subject}" not in section
    ]
    for item in breaks:
        print(f"BREAKING {item}")
    if bumped and not unnamed:
        print(
            f"compat: {len(breaks)} breaking change(s) since {old_version}, allowed: "
            f"version {version} and CHANGELOG names each one"
        )
        return 0
    print(f"\ncompat: {len(breaks)} breaking change(s) since {old_version}.", file=sys.stderr)
    if not bumped:
        print(
            f"- version {version} must raise the major part of {old_version} (the minor "
            "part before 1.0)",
            file=sys.stderr,
        )
    for item in unnamed:
        print(f"- CHANGELOG.md must name `{item.subject}`", file=sys.stderr)
    print(
        "See docs/versioning.md. If the change is not meant to break anything, undo it.",
        file=sys.stderr,
    )
    return 1


def refresh(args: argparse.Namespace) -> int:
    root: Path = args.root
    baseline: Path = args.baseline
    version = version_of(root)
    shutil.rmtree(baseline, ignore_errors=True)
    (baseline / "schemas").mkdir(parents=True)
    for path in sorted((root / "schemas").glob("*.json")):
        shutil.copyfile(path, baseline / "schemas" / path.name)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from mypy.stubgen import main; main()",
                "-p",
                "incidentkit",
                "--search-path",
                str(root / "src"),
                "-o",
                tmp,
                "-q",
            ],
            check=True,
        )
        shutil.copytree(Path(tmp) / "incidentkit", baseline / "api" / "incidentkit")
    (baseline / "version.txt").write_text(version + "\n", encoding="utf-8")
    print(f"compat: baseline is now {version} ({baseline})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=["check", "refresh"])
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    parser.add_argument("--baseline", type=Path, default=BASELINE)
    parser.add_argument("--schemas", type=Path, help="schemas to check (default: schemas/)")
    parser.add_argument("--src", type=Path, help="sources to check (default: src/)")
    parser.add_argument("--version", help="version to check (default: __version__)")
    parser.add_argument("--changelog", type=Path, help="default: CHANGELOG.md")
    args = parser.parse_args(argv)
    return check(args) if args.command == "check" else refresh(args)


if __name__ == "__main__":
    sys.exit(main())
