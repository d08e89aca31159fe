#!/usr/bin/env python3
"""Time building the reference example (``incidentkit.examples.INCIDENT``, 61 records)
through the constructors, as code that encodes a report does.

    python benchmarks/construct.py [--loose] [--repeat N]

The example is first turned into one straight-line function of constructor calls
(each record built from the ones before it), so that only the constructors and their
checks are timed. With ``--loose`` the calls pass lists where the records hold
tuples and enum values (``"perpetrator"``) where they hold members, which the
constructors convert. Prints the best time per build (CPU time of the process).

This is a benchmark, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import time
from enum import Enum
from typing import Any

from incidentkit import examples
from incidentkit._fields import Model
from incidentkit._typetree import record_info


def _program(record: Any, loose: bool) -> tuple[Any, list[Any], int]:
    """A function building ``record`` by constructor calls, the values it takes,
    and how many records it builds."""
    classes: list[type[Any]] = []
    values: list[Any] = []
    lines: list[str] = []

    def expr(value: Any) -> str:
        if isinstance(value, Model):
            fields = record_info(type(value)).fields
            arguments = ", ".join(
                f"{f.name}={expr(getattr(value, f.name))}" for f in fields if not f.is_tag
            )
            classes.append(type(value))
            lines.append(f"    b{len(lines)} = C[{len(classes) - 1}]({arguments})")
            return f"b{len(lines) - 1}"
        if isinstance(value, tuple):
            items = "".join(f"{expr(item)}, " for item in value)
            return f"[{items}]" if loose else f"({items})"
        values.append(value.value if loose and isinstance(value, Enum) else value)
        return f"V[{len(values) - 1}]"

    last = expr(record)
    source = "def build(C, V):\n" + "\n".join(lines) + f"\n    return {last}\n"
    namespace: dict[str, Any] = {}
    exec(compile(source, "<construct>", "exec"), namespace)  # our own generated source
    build = namespace["build"]
    assert build(classes, values) == record
    return lambda: build(classes, values), values, len(classes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loose", action="store_true", help="lists and enum values")
    parser.add_argument("--repeat", type=int, default=7, help="rounds (the best is kept)")
    args = parser.parse_args()
    build, _, count = _program(examples.INCIDENT, args.loose)
    number = 1000
    best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        for _ in range(number):
            build()
        best = min(best, (time.process_time() - start) / number)
    kind = "lists and enum values" if args.loose else "tuples and members"
    print(f"construct reference example ({count} records, {kind}): {best * 1e6:.1f} us")


if __name__ == "__main__":
    main()
