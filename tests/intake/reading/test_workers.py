"""The worker pool runs hostile work within its limits and keeps going."""

from __future__ import annotations

import time
from collections import deque

import pytest

from intake.reading.workers import Failure, Task, WorkerPool
from parsers.model import ProblemCode
from tests.support import workload


@pytest.fixture
def pool():
    with WorkerPool(2, time_limit=2.0, memory_limit=512 * 2**20) as opened:
        yield opened


def run(pool, *calls):
    queue = deque(Task(i, function, (i,)) for i, function in enumerate(calls))
    return {task.key: outcome for task, outcome in pool.run(queue)}


def test_results_come_back(pool):
    assert run(pool, workload.double, workload.double) == {0: 0, 1: 2}


def test_a_call_that_loops_is_stopped_at_the_time_limit(pool):
    started = time.monotonic()
    outcomes = run(pool, workload.spin, workload.double)
    assert outcomes[1] == 2
    assert isinstance(outcomes[0], Failure) and outcomes[0].code is ProblemCode.TIMED_OUT
    assert time.monotonic() - started < 30  # a hang guard: the call spins for ever


def test_a_call_that_eats_memory_is_stopped():
    # Time enough that a loaded machine still runs out of memory before out of time.
    with WorkerPool(1, time_limit=120.0, memory_limit=512 * 2**20) as pool:
        outcome = run(pool, workload.eat_memory)[0]
    assert isinstance(outcome, Failure) and outcome.code is ProblemCode.OUT_OF_MEMORY


def test_a_bug_or_a_dying_process_costs_one_call(pool):
    outcomes = run(pool, workload.fail, workload.die, workload.double, workload.double)
    bug = outcomes[0]
    assert bug.code is ProblemCode.CRASHED
    assert bug.detail == "an unexpected error in the program (the log has the details)"
    assert "ValueError: a parser bug" in bug.trace  # for the log, not for people
    assert outcomes[1].code is ProblemCode.CRASHED and "exit code 3" in outcomes[1].detail
    assert (outcomes[2], outcomes[3]) == (4, 6)


def test_work_is_spread_over_the_workers(pool):
    outcomes = run(pool, workload.timed_sleep, workload.timed_sleep)
    (pid_a, start_a, end_a), (pid_b, start_b, end_b) = outcomes.values()
    assert pid_a != pid_b
    assert start_a < end_b and start_b < end_a  # they ran at the same time


def test_tasks_added_while_running_are_run(pool):
    queue = deque([Task("first", workload.double, (1,))])
    seen = []
    for task, outcome in pool.run(queue):
        seen.append((task.key, outcome))
        if task.key == "first":
            queue.append(Task("second", workload.double, (outcome,)))
    assert seen == [("first", 2), ("second", 4)]


def test_workers_are_reused_and_replaced_after_a_failure(pool):
    first = set(run(pool, workload.pid, workload.pid).values())
    run(pool, workload.die)
    after = set(run(pool, workload.pid, workload.pid).values())
    assert len(first) <= 2 and len(after | first) <= 3


def test_ctrl_c_is_the_supervisors_to_decide_not_the_workers(pool):
    assert run(pool, workload.interrupted) == {0: "finished"}
