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
    ncbi_options,
    quiet_libraries,
)
from factcheck.eval.cli import eval_group
from factcheck.files import write_atomic
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
@click.option("--fetch", is_flag=True, help="First fetch PubMed abstracts on each claim's key terms into the corpus "
              "(NCBI E-utilities; creates the home if missing).")
@click.option("--fetch-max", type=int, default=20, show_default=True, help="With --fetch: abstracts per claim.")
@ncbi_options
@home_option
@friendly_errors
def check(path, fmt, output, color, fetch, fetch_max, api_key, email, home):
    """Check the claims in PATH (text, Markdown or HTML; '-' reads stdin)."""
    from factcheck.pipeline import Checker
    from factcheck.report import render

    checker = Checker(make_config(home, ncbi_api_key=api_key, ncbi_email=email))
    if not fetch:
        checker.corpus  # noqa: B018 -- fail fast on a missing corpus, before loading models
    result = checker.check_file(path, fetch_max=fetch_max if fetch else None)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    report = render(result, fmt, color=color and fmt == "text")
    if output:
        write_atomic(Path(output), report)
    else:
        click.echo(report, nl=not report.endswith("\n"))
    sys.exit(EXIT_FLAGGED if result.flagged else EXIT_OK)


@main.group()
def corpus():
    """Build and inspect the evidence corpus."""


@corpus.command("add")
@click.argument("paths", nargs=-1, required=True, type=str)
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="Embed and index in this process, or on the Ray cluster RAY_ADDRESS names (else a local one).")
@click.option("--embed/--no-embed", default=True, show_default=True,
              help="--no-embed stores the documents (searchable by BM25 at once) and leaves their embedding to "
                   "`factcheck corpus embed`.")
@home_option
@friendly_errors
def corpus_add(paths, progress, engine, embed, home):
    """Add PubMed XML (.xml, .xml.gz) or JSONL (.jsonl, .jsonl.gz) files to the corpus.

    Re-adding a document replaces it; unchanged documents are skipped. Documents are stored
    first, then embedded (a bar with sentences/s and the time left); a killed run keeps what it
    stored and embedded, and running it again goes on from there."""
    from factcheck.corpus.ingest import add_paths

    config = make_config(home)
    stats = add_paths(config, paths, progress=progress, engine=engine, embed=embed,
                      on_skip=lambda s: click.echo(f"{s.path}:{s.line}: skipped: {s.reason}", err=True))
    click.echo(f"added {stats.added}, replaced {stats.replaced}, unchanged {stats.unchanged}, "
               f"deleted {stats.deleted}, skipped {stats.skipped} (malformed)"
               + ("" if embed else "; not embedded yet: run `factcheck corpus embed`"))


@corpus.command("embed")
@click.option("--for", "article", type=str, default=None,
              help="Only the abstracts BM25 finds for this article and its claims: enough to check it.")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@home_option
@friendly_errors
def corpus_embed(article, progress, home):
    """Embed the abstracts stored without vectors (`factcheck corpus add --no-embed`).

    Until every abstract is embedded, checks search all of them by BM25 and the embedded ones by
    meaning, and their reports say so; `--for ARTICLE` first embeds what that article needs.
    A killed run keeps what it finished."""
    from factcheck.article import read_article
    from factcheck.pipeline import Checker

    checker = Checker(make_config(home))
    try:
        wanted = None if article is None else checker.lexical_candidates(
            read_article(article, checker.config.max_input_bytes))
        done = checker.corpus.embed_pending(checker.embedder, wanted, progress=progress)
        left = len(checker.corpus.pending_documents())
    finally:
        checker.close()
    click.echo(f"embedded {done} abstracts" + (f"; {left} still to embed" if left else "; the corpus is complete"))


@corpus.command("fetch")
@click.option("-q", "--query", required=True, help="PubMed query, as typed in PubMed's search box.")
@click.option("--max", "max_results", type=int, default=100, show_default=True,
              help="Most abstracts to take (best match first; at most 10000).")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@ncbi_options
@home_option
@friendly_errors
def corpus_fetch(query, max_results, progress, api_key, email, home):
    """Fetch the abstracts PubMed finds for --query into the corpus (NCBI E-utilities).

    Abstracts already stored are not downloaded again; an interrupted fetch resumes when the
    same command is run again."""
    from factcheck.corpus.fetch import fetch_into_home

    config = make_config(home, ncbi_api_key=api_key, ncbi_email=email)
    stats = fetch_into_home(config, query, max_results, progress=progress)
    click.echo(stats.summary())


@corpus.command("reembed")
@click.option("--progress/--no-progress", default=True, help="Show a progress bar.")
@home_option
@friendly_errors
def corpus_reembed(progress, home):
    """Re-embed the corpus with the current embedding model (after it changed).

    Nothing is done when the corpus already has its embeddings. A killed run resumes when run
    again, and until it finishes the corpus keeps answering with its old embeddings."""
    from factcheck.corpus.store import Corpus
    from factcheck.retrieve.embed import Embedder

    config = make_config(home)
    embedder = Embedder(config.embedding_model)
    with Corpus.open(config.home) as c:
        before = c.identity
        written = c.reembed(embedder, progress=progress)
    if written:
        click.echo(f"re-embedded {written} sentences and titles: {before} -> {embedder.identity}")
    else:
        click.echo("nothing to re-embed: " + (f"already embedded with {before}" if before else "the corpus is empty"))


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


main.add_command(eval_group, "eval")
main.add_command(serve)

if __name__ == "__main__":
    main()
