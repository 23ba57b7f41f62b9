"""One module per `scrutiny` sub-command; each exposes `add_parser(subparsers)` and `run(args)`."""
