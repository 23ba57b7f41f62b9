"""The one YAML loader: safe tags only, a size limit and a limit on what aliases expand to.

`yaml.safe_load` refuses code but not a 510-byte "billion laughs" of anchors and aliases,
which expands to billions of nodes as soon as anything walks it. Every register, params,
groups, indicators and definitions file is read here, so one limit protects them all.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from yaml.events import AliasEvent

from scrutiny import limits
from scrutiny.errors import ConfigError, TooComplex
from scrutiny.regular_files import read_bytes

MAX_BYTES = limits.YAML_BYTES
MAX_ALIAS_NODES = limits.YAML_ALIAS_NODES


def node_count(node: yaml.Node, budget: int) -> int:
    """Nodes under `node` with aliases expanded, counting no further than `budget`."""
    count, stack = 0, [node]
    while stack and count <= budget:
        current = stack.pop()
        count += 1
        if isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
        elif isinstance(current, yaml.MappingNode):
            stack.extend(item for pair in current.value for item in pair)
    return count


class LimitedLoader(yaml.SafeLoader):
    """SafeLoader that keeps a running count of the nodes aliases expand to."""

    def __init__(self, stream, where: str):
        super().__init__(stream)
        self.where = where
        self.alias_nodes = 0

    def compose_node(self, parent, index):
        if self.check_event(AliasEvent):
            anchored = self.anchors.get(self.peek_event().anchor)
            if anchored is not None:
                budget = MAX_ALIAS_NODES - self.alias_nodes
                self.alias_nodes += node_count(anchored, budget)
                if self.alias_nodes > MAX_ALIAS_NODES:
                    raise TooComplex(
                        f"{self.where}: refused: its YAML aliases (*name) expand to more than "
                        f"{MAX_ALIAS_NODES:,} values (an 'anchor bomb'); write the values out"
                    )
        return super().compose_node(parent, index)


def safe_load(text: str, where: str):
    """`yaml.safe_load` within the limits; `where` names the source in the message.

    Syntax errors stay `yaml.YAMLError`, for each caller to word; limits raise TooComplex.
    """
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        raise TooComplex(f"{where}: refused: {size:,} bytes of YAML (the limit is {MAX_BYTES:,})")
    loader = LimitedLoader(text, where)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def load_path(path: Path):
    """The YAML file at `path`: a regular file, its size checked before it is read, UTF-8."""
    path = Path(path)
    size = path.stat().st_size  # a missing file raises FileNotFoundError, for callers to word
    if size > MAX_BYTES:
        raise TooComplex(f"{path}: refused: {size:,} bytes of YAML (the limit is {MAX_BYTES:,})")
    data = read_bytes(path, MAX_BYTES, "the YAML file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}, line {line}: not UTF-8 text (byte 0x{data[error.start]:02x}); "
            "a YAML file is text: is this the right file?"
        ) from None
    return safe_load(text, str(path))
