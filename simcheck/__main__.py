"""``python -m simcheck`` and the ``simcheck`` command.

The command line is imported only when run: a worker process (the parser pool, the input
re-hash) starts by importing the main module of the process that started it, and the
whole command line (every command's imports) would cost each worker about half a second
before its first file."""

from __future__ import annotations


def main() -> None:
    from .cli import main as run

    run()


if __name__ == "__main__":
    main()
