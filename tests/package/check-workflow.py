"""Checks .github/workflows/bundles.yml, which cannot run here (no GitHub runners):
GitHub's workflow schema (SchemaStore's, as check-jsonschema ships it) says it is a valid
workflow, and its structure says it does what the README promises: runs on version tags and
by hand, builds on Windows, macOS and Linux with the pinned Tauri CLI (Linux through
scripts/package.sh), stays within CI's 90 minutes, and uploads every bundle.

    .venv-oracle/bin/python tests/package/check-workflow.py
"""

import subprocess
import sys
from pathlib import Path

from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/bundles.yml"
failures = []


def check(ok, what):
    print(("ok: " if ok else "FAIL: ") + what)
    if not ok:
        failures.append(what)


schema = subprocess.run(
    [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
    capture_output=True,
    text=True,
)
check(schema.returncode == 0, f"GitHub's workflow schema accepts it {schema.stdout.strip()} {schema.stderr.strip()}".strip())

workflow = YAML(typ="safe").load(WORKFLOW.read_text())
on = workflow.get("on") or workflow.get(True) or {}
check(bool((on.get("push") or {}).get("tags")), "runs on pushed tags")
check("workflow_dispatch" in on, "can be run by hand (workflow_dispatch)")
check(workflow.get("permissions") == {"contents": "read"}, "its token may only read the repository")

jobs = workflow.get("jobs") or {}
check(len(jobs) == 1 and "bundle" in jobs, "one job, bundle")
job = jobs.get("bundle", {})
check(0 < int(job.get("timeout-minutes", 0)) <= 90, "each run stops within 90 minutes")
matrix = (job.get("strategy") or {}).get("matrix", {}).get("include", [])
by_name = {entry.get("name"): entry for entry in matrix}
for name, runner in [("linux", "ubuntu-"), ("windows", "windows-"), ("macos", "macos-")]:
    entry = by_name.get(name, {})
    check(str(entry.get("os", "")).startswith(runner), f"{name} builds on a {runner}* runner")
    check(bool(entry.get("bundles")), f"{name} names its bundles")
    check(bool(str(entry.get("artifacts", "")).strip()), f"{name} names the files it uploads")
check("deb" in by_name.get("linux", {}).get("bundles", ""), "linux builds the .deb")

steps = job.get("steps", [])
runs = "\n".join(str(step.get("run", "")) for step in steps)
check("scripts/package.sh" in runs, "Linux bundles come from scripts/package.sh, as on a developer's machine")
check("scripts/packaging/node_modules/@tauri-apps/cli" in runs and "npm ci --prefix scripts/packaging" in runs,
      "the other bundles use the Tauri CLI pinned in scripts/packaging")
check("npx" not in runs and "@latest" not in runs, "no unpinned tool is fetched")
uploads = [step for step in steps if str(step.get("uses", "")).startswith("actions/upload-artifact@")]
check(len(uploads) == 1 and uploads[0].get("with", {}).get("if-no-files-found") == "error",
      "uploads the bundles, and fails when one is missing")

# The bundle kinds the CLI is asked for exist in Tauri's bundler.
known = {"deb", "rpm", "appimage", "msi", "nsis", "app", "dmg"}
for entry in matrix:
    kinds = set(str(entry.get("bundles", "")).split(","))
    check(kinds <= known, f"{entry.get('name')} asks for known bundle kinds ({', '.join(sorted(kinds))})")

if failures:
    sys.exit(f"{len(failures)} workflow check(s) failed")
print("the bundles workflow is valid")
