import gc
import weakref

import pytest

from core.heap import application_set_aside


def test_objects_alive_on_entry_are_set_aside_until_the_outermost_exit():
    assert gc.get_freeze_count() == 0
    with application_set_aside():
        # Set-aside objects freed by reference counting leave it: the count only shrinks.
        assert gc.get_freeze_count() > 1000
        with application_set_aside():
            assert gc.get_freeze_count() > 1000
        # The inner exit left them set aside (an unfreeze would have emptied it).
        assert gc.get_freeze_count() > 1000
    assert gc.get_freeze_count() == 0


def test_cycles_made_within_are_still_collected():
    class Node:
        pass

    with application_set_aside():
        node = Node()
        node.itself = node
        collected = []
        watch = weakref.ref(node, collected.append)
        del node
        gc.collect()
        assert watch() is None
        assert collected


def test_set_aside_objects_are_watched_again_after_an_error():
    with pytest.raises(KeyError), application_set_aside():
        raise KeyError("stop")
    assert gc.get_freeze_count() == 0
