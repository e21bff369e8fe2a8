"""JUnit XML: one test suite, one test case per input file.

A file fails when it has findings at or above the run's `fail-on` threshold; the failure
lists those findings, and findings below the threshold go to the case's `system-out`, so CI
test views show every finding without failing on the minor ones. Built with ElementTree
(escaping is its job); characters XML cannot hold are replaced first.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from seedcheck.model import Finding
from seedcheck.reports.markup import clean
from seedcheck.runner import RunResult

SUITE_NAME = "seedcheck"


def _line(finding: Finding) -> str:
    where = f"{finding.line}:{finding.column}: " if finding.line is not None else ""
    return clean(f"{where}{finding.rule} [{finding.severity.value}] {finding.message}")


def render_junit(result: RunResult) -> str:
    threshold = result.config.fail_on
    failing = [
        [f for f in file.findings if f.severity.at_least(threshold)] for file in result.files
    ]
    failures = sum(1 for group in failing if group)
    attrs = {
        "name": SUITE_NAME,
        "tests": str(len(result.files)),
        "failures": str(failures),
        "errors": "0",
        "skipped": "0",
    }
    root = ET.Element("testsuites", attrs)
    suite = ET.SubElement(root, "testsuite", attrs)
    for file, failed in zip(result.files, failing, strict=True):
        case = ET.SubElement(
            suite,
            "testcase",
            {"classname": SUITE_NAME, "name": clean(file.path), "file": clean(file.path)},
        )
        if failed:
            noun = "finding" if len(failed) == 1 else "findings"
            failure = ET.SubElement(
                case,
                "failure",
                {
                    "message": f"{len(failed)} {noun} at or above {threshold.value}",
                    "type": threshold.value,
                },
            )
            failure.text = "\n".join(_line(f) for f in failed)
        others = [f for f in file.findings if not f.severity.at_least(threshold)]
        if others:
            ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'
