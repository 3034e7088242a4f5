"""What every command-line face shares: the error contract, config from flags, common options.

The CLI, `factcheck serve` and `factcheck eval` all import from here, so none of them
imports another face.
"""

from __future__ import annotations

import functools
import logging
import os
import sys
import warnings
from pathlib import Path

import click

from factcheck.config import Config
from factcheck.errors import FactcheckError

EXIT_OK, EXIT_FLAGGED, EXIT_ERROR = 0, 1, 2


def quiet_libraries() -> None:
    """Keep third-party chatter (load bars, deprecation notes) off a journalist's screen."""
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")
    warnings.filterwarnings("ignore")
    logging.getLogger("transformers").setLevel(logging.ERROR)  # transformers itself is imported only if needed


def friendly_errors(fn):
    """User errors become one line on stderr and exit 2; never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except FactcheckError as e:
            click.echo(f"factcheck: error: {e}", err=True)
            sys.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("factcheck: interrupted", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as e:  # a bug: still one line, the details on request
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            click.echo(f"factcheck: internal error: {type(e).__name__}: {e} "
                       "(set FACTCHECK_DEBUG=1 for the traceback)", err=True)
            sys.exit(EXIT_ERROR)

    return wrapper


def make_config(home: str | None, **overrides) -> Config:
    """Flags, then environment (Config's defaults read it), then defaults."""
    return Config().with_(home=Path(home) if home else None, **overrides)


home_option = click.option("--home", type=click.Path(file_okay=False), default=None,
                           help="Corpus home directory (default: $FACTCHECK_HOME, else the per-user data dir).")


def ncbi_options(fn):
    """--api-key and --email, for the commands that talk to NCBI (None: Config's defaults)."""
    fn = click.option("--email", default=None,
                      help="Contact address NCBI asks every client to send (default: $FACTCHECK_EMAIL).")(fn)
    return click.option("--api-key", default=None,
                        help="NCBI API key: 10 requests/s instead of 3 (default: $NCBI_API_KEY).")(fn)
