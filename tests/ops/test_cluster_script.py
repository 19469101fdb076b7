"""`make cluster` stops all it started, however often the operator (or make, or a supervisor) signals."""

import os
import signal

from cluster import run_until_signal


def test_a_second_signal_does_not_cut_the_stop_short() -> None:
    stopped: list[str] = []
    handlers = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)

    def serve() -> None:
        raise KeyboardInterrupt  # the operator's Ctrl-C

    def stop() -> None:
        stopped.append("proxy")
        os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C again, and the SIGTERM make passes on
        os.kill(os.getpid(), signal.SIGTERM)
        stopped.append("app servers, worker, object store")

    run_until_signal(serve, stop)

    assert stopped == ["proxy", "app servers, worker, object store"]
    assert (signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)) == handlers


def test_sigterm_while_serving_stops_the_cluster() -> None:
    stopped: list[bool] = []

    def serve() -> None:
        os.kill(os.getpid(), signal.SIGTERM)  # a supervisor's stop
        raise AssertionError("SIGTERM did not end serving")

    run_until_signal(serve, lambda: stopped.append(True))

    assert stopped == [True]
