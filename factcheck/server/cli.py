"""`factcheck serve`: load the models and corpus once, then answer the extension on localhost.

Registered in factcheck/cli.py with `main.add_command(serve)`.
"""

from __future__ import annotations

import ipaddress

import click

from factcheck.clikit import friendly_errors, home_option, make_config
from factcheck.errors import InputError
from factcheck.server.work import default_workers  # not app: FastAPI costs every CLI start 0.35 s


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs --allow-remote.")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--token", envvar="FACTCHECK_TOKEN", default=None,
              help="Require this shared token in the X-Factcheck-Token header ($FACTCHECK_TOKEN).")
@click.option("--allow-origin", "allow_origins", multiple=True, metavar="ORIGIN",
              help="Also accept browser requests from ORIGIN (repeatable), e.g. chrome-extension://<id> "
                   "of a differently keyed build. The bundled extension is always allowed.")
@click.option("--workers", default=None, type=click.IntRange(1, 64),
              help=f"Checks run at once (default: one per core, at most 4; here {default_workers()}).")
@click.option("--queue", "queue_size", default=8, show_default=True, type=click.IntRange(0, 1000),
              help="Checks that may wait for a worker before requests get 503.")
@click.option("--allow-remote", is_flag=True, help="Permit a non-loopback --host (the Host check still applies).")
@home_option
@friendly_errors
def serve(host, port, token, allow_origins, workers, queue_size, allow_remote, home):
    """Serve the checker to the browser extension on http://HOST:PORT (JSON API under /v1)."""
    import uvicorn

    from factcheck.pipeline import Checker
    from factcheck.server.app import ServerSettings, create_app
    from factcheck.server.logs import configure_logging

    if not _is_loopback(host) and not allow_remote:
        raise InputError(f"--host {host} would expose the server beyond this machine; "
                         "use 127.0.0.1, or add --allow-remote if you really mean it")
    settings = ServerSettings(host=host, port=port, token=token or None, allowed_origins=list(allow_origins),
                              workers=workers or default_workers(), queue_size=queue_size)
    configure_logging()
    checker = Checker(make_config(home))
    checker.corpus  # noqa: B018 -- a missing corpus is a one-line error before any model loads
    click.echo(f"factcheck: loading models and corpus from {checker.config.home} ...", err=True)
    checker.load()  # model or corpus problems: a one-line error here, not a traceback from uvicorn
    checker.close()  # the corpus is reopened on a worker thread at start-up; the models stay loaded
    app = create_app(checker, settings)
    click.echo(f"factcheck: serving on http://{host}:{port} (Ctrl-C to stop)", err=True)
    uvicorn.run(app, host=host, port=port, access_log=False, log_config=None, server_header=False)
