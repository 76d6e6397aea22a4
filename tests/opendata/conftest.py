"""The directory search's world and its two engines, for the open-data formats' searches."""

from tests.directory.search.conftest import (  # noqa: F401
    cluster_config,
    engine,
    indexed_world,
    world,
)
