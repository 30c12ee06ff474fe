"""Jobs through a real Celery worker process and Redis: done, cancelled, and a worker killed mid-job."""

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("broker")]


def running_with_progress(job: dict) -> bool:
    return job["state"] == "running" and job["progress"] > 0


def lvliang_state(home) -> tuple:
    """What a schedule would change: the version's schedule figures and its stored visits."""
    shown = home.json("plan", "show", "--agency", "lvliang", "--year", "2024")
    return shown["version"], shown.get("schedule"), home.visits("lvliang", 2024)


def test_worker_runs_a_queued_schedule_and_wait_json_ends_done(home):
    home.start_worker()
    job_id = home.json(
        "plan", "schedule", "--agency", "xiaxian", "--year", "2025", "--queue", "--time-limit", "20"
    )["job"]
    waited = home.json("jobs", "wait", str(job_id))
    assert waited["id"] == job_id and waited["state"] == "done" and waited["progress"] == 100
    shown = home.json("plan", "show", "--agency", "xiaxian", "--year", "2025")
    assert shown["schedule"]["entries"] == waited["result"]["entries"] > 0
    assert home.visits("xiaxian", 2025) == shown["schedule"]["entries"]
    assert waited["message"].startswith("排程已定稿" if waited["result"]["final"] else "排程未定稿")


def test_a_cancelled_schedule_stops_and_leaves_the_plan_unchanged(home):
    if not any(w.poll() is None for w in home.workers):
        home.start_worker()
    before = lvliang_state(home)
    job_id = home.json(
        "plan", "schedule", "--agency", "lvliang", "--year", "2024", "--queue", "--time-limit", "60"
    )["job"]
    home.wait_for(job_id, running_with_progress)
    assert (
        home.json("jobs", "cancel", str(job_id))["state"] == "running"
    )  # it stops at its next progress point
    waited = home.run("jobs", "wait", str(job_id), "--json", check=False)
    assert waited.returncode == 1  # wait fails unless the job is done
    job = home.job(job_id)
    assert job["state"] == "cancelled" and "计划未改变" in job["message"]
    assert lvliang_state(home) == before


def test_a_worker_killed_mid_job_leaves_the_job_failed_with_its_message_and_the_plan_unchanged(home):
    home.stop_workers()  # the job must go to the worker about to be killed
    worker = home.start_worker()
    before = lvliang_state(home)
    job_id = home.json(
        "plan", "schedule", "--agency", "lvliang", "--year", "2024", "--queue", "--time-limit", "60"
    )["job"]
    job = home.wait_for(job_id, running_with_progress)
    home.kill(worker)
    failed = home.wait_for(job_id, lambda j: j["state"] != "running", timeout=30)
    assert failed["state"] == "failed"
    assert "进程已中断" in failed["message"] and "计划未改变" in failed["message"]
    assert failed["progress"] >= job["progress"]
    assert lvliang_state(home) == before
    # a new worker starts with the dead one's job already ended; the plan can be scheduled again
    home.start_worker()
    again = home.json(
        "plan", "schedule", "--agency", "lvliang", "--year", "2024", "--queue", "--time-limit", "60"
    )["job"]
    assert home.json("jobs", "wait", str(again))["state"] == "done"
    assert home.job(job_id)["state"] == "failed"
