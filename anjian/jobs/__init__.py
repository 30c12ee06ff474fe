"""Jobs: long operations (compile, schedule, export, …) run outside the request that starts them.

A Job row records who started what, its state, progress and result. With ANJIAN_BROKER_URL set, jobs go
through Celery (`anjian worker`); without one they run in a thread of the process that enqueued them, with the
same rows. `services.job_enqueue` is the one way in; `runner.job_execute` is the one way a job runs.
"""
