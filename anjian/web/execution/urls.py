"""计划执行: inspections, hazards and reviews, penalties, reports, adjustments, weekly dispatch, item lists, contact points."""

from django.urls import path

from . import contacts, hazards, inspections, items, records, reports, weekly

urlpatterns = [
    path("execution/", inspections.inspection_list, name="exec_inspections"),
    path("execution/inspections/new/", inspections.inspection_new, name="exec_inspection_new"),
    path("execution/inspections/<int:pk>/", inspections.inspection_detail, name="exec_inspection"),
    path(
        "execution/inspections/<int:pk>/hazards/new/",
        records.hazard_record,
        name="exec_hazard_record",
    ),
    path("execution/inspections/<int:pk>/orders/new/", records.order_issue, name="exec_order_issue"),
    path(
        "execution/inspections/<int:pk>/penalties/new/",
        records.penalty_decide,
        name="exec_penalty_decide",
    ),
    path("execution/reports/submit/", records.report_submit, name="exec_report_submit"),
    path("execution/adjustments/new/", records.adjustment_new, name="exec_adjustment_new"),
    path(
        "execution/adjustments/<int:pk>/file/",
        records.adjustment_filing,
        name="exec_adjustment_file",
    ),
    path("execution/hazards/", hazards.hazard_page, name="exec_hazards"),
    path("execution/reviews/<int:pk>/record/", hazards.review_record, name="exec_review_record"),
    path("execution/penalties/", hazards.penalty_page, name="exec_penalties"),
    path(
        "execution/penalties/<int:pk>/publish/",
        hazards.penalty_publish,
        name="exec_penalty_publish",
    ),
    path("execution/reports/", reports.report_page, name="exec_reports"),
    path("execution/reports/ledger/", reports.ledger_download, name="exec_ledger"),
    path(
        "execution/reports/<str:kind>/<int:year>/<int:number>/<str:fmt>/",
        reports.report_download,
        name="exec_report",
    ),  # fmt: skip
    path("execution/adjustments/", reports.adjustment_list, name="exec_adjustments"),
    path("execution/adjustments/<int:pk>/", reports.adjustment_detail, name="exec_adjustment"),
    path("execution/weekly/", weekly.weekly_page, name="exec_weekly"),
    path("execution/weekly/xlsx/", weekly.weekly_download, name="exec_weekly_xlsx"),
    path("execution/items/", items.item_page, name="exec_items"),
    path("execution/items/publish/", items.item_publish, name="exec_item_publish"),
    path("execution/contacts/", contacts.contact_page, name="exec_contacts"),
    path("execution/contacts/assign/", contacts.contact_assign, name="exec_contact_assign"),
    path(
        "execution/contacts/<int:pk>/feedback/",
        contacts.feedback_record,
        name="exec_feedback_record",
    ),
    path("execution/feedback/<int:pk>/answer/", contacts.feedback_answer, name="exec_feedback_answer"),
]
