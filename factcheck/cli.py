"""The `factcheck` command: a thin face over the library (no pipeline logic lives here).

Exit status: 0 nothing flagged, 1 a claim is overstated or unsupported, 2 an error.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from factcheck.clikit import (
    EXIT_FLAGGED,
    EXIT_OK,
    friendly_errors,
    home_option,
    make_config,
    quiet_libraries,
)
from factcheck.eval.cli import eval_group
from factcheck.server.cli import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def main():
    """Fact-check health news claims against PubMed abstracts."""
    quiet_libraries()


@main.command()
@click.argument("path", type=str)
@click.option("-f", "--format", "fmt", type=click.Choice(["text", "json", "markdown", "html"]), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write the report to a file.")
@click.option("--color/--no-color", default=None, help="Colour the text report (default: only on a terminal).")
@home_option
@friendly_errors
def check(path, fmt, output, color, home):
    """Check the claims in PATH (text, Markdown or HTML; '-' reads stdin)."""
    from factcheck.pipeline import Checker
    from factcheck.report import render

    checker = Checker(make_config(home))
    checker.corpus  # noqa: B018 -- fail fast on a missing corpus, before loading models
    result = checker.check_file(path)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = render(result, fmt, color=color and fmt == "text")
    if output:
        _write_atomic(Path(output), report)
    else:
        click.echo(report, nl=not report.endswith("\n"))
    sys.exit(EXIT_FLAGGED if result.flagged else EXIT_OK)


@main.group()
def corpus():
    """Build and inspect the evidence corpus."""


@corpus.command("add")
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@home_option
@friendly_errors
def corpus_add(paths, progress, home):
    """Add PubMed XML (.xml, .xml.gz) or JSONL (.jsonl, .jsonl.gz) files to the corpus.

    Re-adding a document replaces it; unchanged documents are skipped."""
    from factcheck.corpus.ingest import add_paths

    config = make_config(home)
    stats = add_paths(config, paths, progress=progress,
                      on_skip=lambda s: click.echo(f"{s.path}:{s.line}: skipped: {s.reason}", err=True))
    click.echo(f"added {stats.added}, replaced {stats.replaced}, unchanged {stats.unchanged}, "
               f"deleted {stats.deleted}, skipped {stats.skipped} (malformed)")


@corpus.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly_errors
def corpus_info(as_json, home):
    """Print document and sentence counts and the model identity."""
    import json

    from factcheck.corpus.store import Corpus

    with Corpus.open(make_config(home).home) as c:
        info = c.info()
    if as_json:
        click.echo(json.dumps(info, indent=2, default=str))
    else:
        width = max(map(len, info))
        for k, v in info.items():
            click.echo(f"{k:<{width}}  {v}")


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


main.add_command(eval_group, "eval")
main.add_command(serve)

if __name__ == "__main__":
    main()
