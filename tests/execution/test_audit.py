"""Execution records are audited like registry and plan objects: who, when, which agency, before/after."""

import datetime as dt

from anjian.audit.models import AuditEvent
from anjian.execution import services
from tests.execution.conftest import record


def test_recording_an_inspection_and_its_hazard_writes_audit_events_for_the_bureau(lv):
    entry = lv.entries.filter(category="key").select_related("enterprise").order_by("pk").first()
    inspection = record(entry, dt.date(2024, 3, 5))
    services.hazard_record(
        inspection=inspection, description="配电室未设挡鼠板", deadline=dt.date(2024, 3, 20)
    )
    created = AuditEvent.objects.filter(action="create", object_type__startswith="execution.")
    events = {e.object_type: e for e in created}
    assert {"execution.Inspection", "execution.Hazard"} <= set(events)
    assert events["execution.Inspection"].object_id == str(inspection.pk)
    assert events["execution.Inspection"].agency_id == lv.plan.agency_id
    assert events["execution.Hazard"].agency_id == lv.plan.agency_id
    assert events["execution.Hazard"].after["description"] == "配电室未设挡鼠板"
