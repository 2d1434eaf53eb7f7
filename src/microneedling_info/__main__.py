"""``python -m microneedling_info`` runs the command line."""

from .cli import main

raise SystemExit(main())
