"""The dashboard, plan setup and the pages of one plan: rules, classification, frequencies, draw, workdays, schedule, documents."""

from django.urls import path

from . import cap_justify, dashboard, documents, draws, pages, schedule, setup, workday_edit

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("plans/", pages.plan_list, name="plan_list"),
    path("plans/new/", setup.plan_new, name="plan_new"),
    path("plans/<int:plan_id>/settings/", setup.plan_settings, name="plan_settings"),
    path("plans/<int:plan_id>/", pages.plan_rules, name="plan_rules"),
    path("plans/<int:plan_id>/classification/", pages.plan_classification, name="plan_classification"),
    path("plans/<int:plan_id>/override/", pages.plan_override, name="plan_override"),
    path("plans/<int:plan_id>/recompile/", pages.plan_recompile, name="plan_recompile"),
    path("plans/<int:plan_id>/frequencies/", pages.plan_frequencies, name="plan_frequencies"),
    path("plans/<int:plan_id>/frequencies/justify/", cap_justify.plan_cap_justify, name="plan_cap_justify"),
    path("plans/<int:plan_id>/draw/", draws.plan_draw, name="plan_draw"),
    path("plans/<int:plan_id>/draw/redraw/", draws.plan_redraw, name="plan_redraw"),
    path("plans/<int:plan_id>/workdays/", pages.plan_workdays, name="plan_workdays"),
    path("plans/<int:plan_id>/workdays/preview/", workday_edit.workday_preview_view, name="workday_preview"),
    path("plans/<int:plan_id>/workdays/save/", workday_edit.workday_save, name="workday_save"),
    path("plans/<int:plan_id>/schedule/", schedule.plan_schedule, name="plan_schedule"),
    path("plans/<int:plan_id>/schedule/run/", schedule.plan_schedule_run, name="plan_schedule_run"),
    path("plans/<int:plan_id>/documents/", documents.plan_documents, name="plan_documents"),
    path("plans/<int:plan_id>/v<int:number>/<str:fmt>/", documents.plan_download, name="plan_download"),
    path("plans/<int:plan_id>/documents/export/", documents.plan_export_job, name="plan_export_job"),
    path("plans/<int:plan_id>/documents/check/", documents.plan_doc_check, name="plan_doc_check"),
    path(
        "plans/<int:plan_id>/visits/<int:visit_id>/plan.docx",
        documents.visit_plan_download,
        name="visit_plan_download",
    ),
    path("plans/<int:plan_id>/records/", pages.plan_records, name="plan_records"),
    path("plans/<int:plan_id>/advance/", pages.plan_advance, name="plan_advance"),
    path("verify/draw/<str:commitment>/", draws.draw_public, name="draw_public"),
    path("verify/draw/<str:commitment>/record.json", draws.draw_public_json, name="draw_public_json"),
]
