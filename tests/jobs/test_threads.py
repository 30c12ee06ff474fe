"""With no broker configured, a queued job runs in a thread of the process that queued it, with the same rows."""

import pytest

pytestmark = pytest.mark.slow


def test_without_a_broker_a_queued_compile_runs_in_process_and_its_job_row_ends_done(home):
    before = home.json("plan", "show", "--agency", "xiaxian", "--year", "2025", broker=False)["version"]
    queued = home.run(
        "plan", "compile", "--agency", "xiaxian", "--year", "2025", "--queue", "--json", broker=False
    )
    assert "ANJIAN_BROKER_URL" in queued.stderr  # says the job runs here and the command waits for it
    job = home.json("jobs", "show", str(__import__("json").loads(queued.stdout)["job"]), broker=False)
    assert job["state"] == "done" and job["kind"] == "compile" and job["by"] == "命令行"
    assert job["result"]["version"] == before + 1
    assert (
        home.json("plan", "show", "--agency", "xiaxian", "--year", "2025", broker=False)["version"]
        == before + 1
    )
    listed = home.json("jobs", "list", broker=False)
    assert listed[0]["id"] == job["id"]


def test_worker_without_a_broker_says_how_to_configure_one(home):
    done = home.run("worker", broker=False, check=False)
    assert done.returncode == 1 and "ANJIAN_BROKER_URL" in done.stderr and "Traceback" not in done.stderr


def test_a_queued_import_ends_done_with_its_figures_or_failed_with_its_row_errors_writing_nothing(home):
    good, bad = home.path / "股室.csv", home.path / "股室有误.csv"
    good.write_text("名称,类别\n应急救援股,科室\n", encoding="utf-8")
    bad.write_text("名称,类别\n宣传教育股,火星部门\n", encoding="utf-8")
    ok = home.json("import", "offices", str(good), "--agency", "xiaxian", "--queue", broker=False)["job"]
    job = home.job(ok)
    assert job["state"] == "done" and job["kind"] == "import" and job["result"]["created"] == 1
    assert job["message"].startswith("股室/科室/执法队导入完成")
    failed = home.job(
        home.json("import", "offices", str(bad), "--agency", "xiaxian", "--queue", broker=False)["job"]
    )
    assert (
        failed["state"] == "failed"
        and "第 2 行「类别」" in failed["message"]
        and "未写入" in failed["message"]
    )
    again = home.job(
        home.json("import", "offices", str(good), "--agency", "xiaxian", "--queue", broker=False)["job"]
    )
    assert (
        again["result"]["created"] == 0 and again["result"]["unchanged"] == 1
    )  # the failed file wrote nothing
