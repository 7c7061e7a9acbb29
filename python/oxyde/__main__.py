"""``python -m oxyde``: the ``oxyde`` command."""

from oxyde.cli import app

if __name__ == "__main__":
    app()
