"""The JSON snapshot of a guide stored with each published version, and its text for the review."""
from .models import GuideKind, MaterialForm, MaterialNeed

TEXT_FIELDS = ("name", "basis", "conditions", "process", "fee_standard", "fee_basis", "location", "hours",
               "phone", "complaint_phone")


def guide_snapshot(guide) -> dict:
    return {
        "name": guide.name, "agency": guide.agency.name, "agency_id": guide.agency_id,
        "kind": guide.kind, "kind_label": str(GuideKind(guide.kind).label),
        "basis": guide.basis, "conditions": guide.conditions, "process": guide.process,
        "legal_days": guide.legal_days, "promised_days": guide.promised_days, "free": guide.free,
        "fee_standard": guide.fee_standard, "fee_basis": guide.fee_basis, "location": guide.location,
        "hours": guide.hours, "phone": guide.phone, "complaint_phone": guide.complaint_phone,
        "life_events": list(guide.life_events), "life_event_labels": guide.life_event_labels(),
        "materials": [{"id": m.pk, "position": m.position, "name": m.name, "copies": m.copies, "form": m.form,
                       "form_label": str(MaterialForm(m.form).label), "need": m.need,
                       "need_label": str(MaterialNeed(m.need).label), "note": m.note,
                       "sample": m.sample_name if m.sample_path else "", "blank": m.blank_name if m.blank_path else ""}
                      for m in guide.materials.order_by("position", "id")],
    }


def snapshot_text(snapshot: dict) -> str:
    """Every public sentence of a snapshot, one per line (what the review reads)."""
    lines = [snapshot.get(f) or "" for f in TEXT_FIELDS]
    lines += [f"{m['name']} {m['note']}" for m in snapshot.get("materials", [])]
    return "\n".join(line for line in lines if line.strip())
