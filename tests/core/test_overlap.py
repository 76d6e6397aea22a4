import threading
import time

import pytest

from core.overlap import IN_FLIGHT, sent_while_next_is_made


def test_results_come_in_the_items_order_even_when_later_sends_finish_first():
    def send(item):
        time.sleep(0.02 if item == 0 else 0)
        return item * 10

    assert list(sent_while_next_is_made(range(7), send)) == [0, 10, 20, 30, 40, 50, 60]


def test_the_next_items_are_made_while_earlier_ones_are_sent_never_more_than_in_flight():
    release = threading.Event()
    lock = threading.Lock()
    sending = 0
    most = 0
    made = []

    def items():
        for item in range(IN_FLIGHT + 3):
            made.append(item)
            yield item

    def send(item):
        nonlocal sending, most
        with lock:
            sending += 1
            most = max(most, sending)
        release.wait(5)
        with lock:
            sending -= 1
        return item

    results = sent_while_next_is_made(items(), send)
    # The first result waits on the first send: by then IN_FLIGHT items are out, one more made.
    waiter = threading.Thread(target=lambda: next(results))
    waiter.start()
    time.sleep(0.1)
    assert made == list(range(IN_FLIGHT + 1))
    assert most == IN_FLIGHT
    release.set()
    waiter.join(5)
    assert list(results) == list(range(1, IN_FLIGHT + 3))
    assert most == IN_FLIGHT


def test_an_error_in_a_send_reaches_the_caller():
    def send(item):
        if item == 2:
            raise ValueError("refused")
        return item

    results = sent_while_next_is_made(range(5), send)
    assert [next(results), next(results)] == [0, 1]
    with pytest.raises(ValueError, match="refused"):
        next(results)
