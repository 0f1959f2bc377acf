import io
import json

import pytest
from django.core.management import call_command

from akhbar.moderation.store import active_lexicon

from .factories import make_term


def run_moderate(data: bytes, *args: str) -> list[dict]:
    out = io.StringIO()
    call_command("moderate", *args, stdin=io.BytesIO(data), stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_moderate_reads_lines_and_writes_one_json_object_each():
    results = run_moderate("مقال جميل ومفيد\nيا ابن الشرموطة\nزوروا https://spam.example.com\n".encode(), "-")
    assert [r["decision"] for r in results] == ["approve", "reject", "hold"]
    for result in results:
        assert set(result) == {"decision", "score", "categories", "reasons"}
        assert 0.0 <= result["score"] <= 1.0
    assert results[1]["categories"] == ["insult_person"]


def test_moderate_survives_invalid_utf8_nul_and_empty_lines():
    results = run_moderate(b"\xff\xfe\xfd\n\x00\x00\n\n\xd8\xa7\xd9\x84\xd9\x84\xd9\x87\r\n")
    assert len(results) == 4
    assert results[0]["decision"] == "hold"
    assert all(r["decision"] in ("approve", "hold", "reject") for r in results)


def test_moderate_reads_a_file_and_accepts_thresholds(tmp_path):
    path = tmp_path / "comments.txt"
    path.write_text("تعليق عادي عن المباراة\n", encoding="utf-8")
    out = io.StringIO()
    call_command("moderate", str(path), "--approve-below", "0", "--reject-above", "1", stdout=out)
    assert json.loads(out.getvalue())["decision"] == "hold"


@pytest.mark.django_db
def test_moderators_term_changes_decisions_and_removal_restores_them():
    assert run_moderate("اشتريت بطيخ من السوق اليوم\n".encode())[0]["decision"] == "approve"
    term = make_term("بطيخ", "insult_person", "banned")
    result = run_moderate("اشتريت بطيخ من السوق اليوم\n".encode())[0]
    assert result["decision"] == "reject"
    assert "كلمة محظورة (إهانة شخص): بطيخ" in result["reasons"]
    term.delete()
    assert run_moderate("اشتريت بطيخ من السوق اليوم\n".encode())[0]["decision"] == "approve"


@pytest.mark.django_db
def test_allowed_entry_switches_off_a_shipped_term():
    assert any(t.text == "حقير" for t in active_lexicon().terms)
    make_term("حقير", "insult_person", "allowed")
    assert not any(t.text == "حقير" for t in active_lexicon().terms)


@pytest.mark.django_db
def test_inactive_term_is_ignored():
    make_term("بطيخ", "insult_person", "banned", active=False)
    assert run_moderate("اشتريت بطيخ من السوق اليوم\n".encode())[0]["decision"] == "approve"


@pytest.mark.django_db
def test_terms_are_listed_in_the_wagtail_admin(client, django_user_model):
    admin = django_user_model.objects.create_superuser("mod", "mod@example.com", "pw")
    client.force_login(admin)
    make_term("بطيخ", "spam", "suspect")
    response = client.get("/admin/moderation_terms/")
    assert response.status_code == 200
    assert "بطيخ" in response.content.decode()
    response = client.get("/admin/moderation_terms/new/")
    assert response.status_code == 200


def test_train_moderation_writes_a_model_that_scores(tmp_path):
    from akhbar.moderation.classifier import load_model

    rows = [f"كلام بذيء جدا رقم {i}\tOFF\tNOT_HS" for i in range(20)]
    rows += [f"كلام لطيف ومهذب رقم {i}\tNOT_OFF\tNOT_HS" for i in range(20)]
    data = tmp_path / "train.tsv"
    data.write_text("\n".join(rows) + "\n", encoding="utf-8")
    mlma = tmp_path / "mlma.tsv"
    mlma_rows = ["text\thostility\tdirectness\ttarget\tgroup"]
    mlma_rows += [f"تغريدة عادية عن الطقس رقم {i}\tnormal\tindirect\tother\tother" for i in range(10)]
    mlma_rows += [f"تغريدة بذيء جدا رقم {i}\toffensive\tdirect\tother\tother" for i in range(10)]
    mlma.write_text("\n".join(mlma_rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    model_path = tmp_path / "model.npz"
    call_command(
        "train-moderation",
        "--train",
        str(data),
        "--out",
        str(model_path),
        "--bits",
        "14",
        "--neutral-count",
        "0",
        "--mlma",
        str(mlma),
        stdout=out,
    )
    assert "wrote" in out.getvalue()
    model = load_model(model_path)
    assert model.score("بذيء") > 0.5 > model.score("لطيف")


def test_train_moderation_reports_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "train-moderation", "--train", str(tmp_path / "missing.tsv"), "--out", str(tmp_path / "m.npz")
        )
