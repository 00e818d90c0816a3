"""`healthlib labs`, POST /api/v1/labs and the /labs page, over real files, a real process and the real app."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .corpus import make_report

CRITICAL_TEXT = "Potassium 6.8 mmol/L 3.5-5.1 HH\nSodium 140 mmol/L 136-145\nPatient: Jane Roe  DOB: 02/03/1961"


def run(*args: str, db, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "healthlib.surfaces.cli", *args, "--db", str(db)],
                          input=stdin, capture_output=True, timeout=180,
                          env={**os.environ, "HEALTHLIB_DB": str(db)})


@pytest.fixture(scope="module")
def us_report():
    return make_report("us-table", 3)  # has a critical calcium


def test_cli_explains_a_pdf_urgent_first_without_the_person(built_library, us_report, tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(us_report.data)
    result = run("labs", str(path), db=built_library)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    first = out.splitlines()[0]
    assert first.startswith("!! ") and "Calcium" in first
    assert "CRITICAL - very high" in out and "range: 8.6-10.3 mg/dL" in out and "sources: " in out
    assert "guides: " in out and out.rstrip().endswith("against your report.")
    assert not [s for s in us_report.person.secrets() if s in out]

    as_json = json.loads(run("labs", str(path), "--json", db=built_library).stdout)
    assert as_json["urgent"] is True
    assert as_json["results"][0]["status"] == "critical-high"
    assert {r["status"] for r in as_json["results"]} <= {"normal", "high", "low", "critical-high", "critical-low", "unknown"}
    assert not [s for s in us_report.person.secrets() if s in json.dumps(as_json)]


def test_cli_reads_pasted_text_from_stdin(built_library):
    result = run("labs", "-", "--json", db=built_library, stdin=CRITICAL_TEXT.encode())
    answer = json.loads(result.stdout)
    assert [(r["name"], r["status"]) for r in answer["results"]] == [("Potassium", "critical-high"), ("Sodium", "normal")]
    assert answer["urgent"] and "Jane" not in result.stdout.decode()


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"), (b"%PDF-1.5\n\x00\x01broken", "is damaged"), (b"\x00\x01\x02" * 30, "is not a PDF, an image or text"),
])
def test_cli_bad_file_is_one_line_and_exit_2(built_library, tmp_path, content, message):
    path = tmp_path / "bad.pdf"
    if content is not None:
        path.write_bytes(content)
    result = run("labs", str(path), db=built_library)
    err = result.stderr.decode()
    assert result.returncode == 2
    assert err.count("\n") == 1 and err.startswith(f"healthlib: {path}: ") and message in err
    assert "Traceback" not in err


def test_api_multipart_upload(web_client, us_report):
    r = web_client.post("/api/v1/labs", files={"file": ("Jane Roe results.pdf", us_report.data, "application/pdf")})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"
    body = r.json()
    assert body["urgent"] and body["source_kind"] == "pdf" and body["pages"] == 1
    assert len(body["results"]) == len(us_report.truth)
    first = body["results"][0]
    assert {"test", "name", "loinc", "value", "unit", "range", "status", "explanation", "citations",
            "related_guides"} <= set(first)
    assert first["status"] == "critical-high" and first["citations"]
    assert not [s for s in us_report.person.secrets() if s in r.text] and "Jane" not in r.text


def test_api_json_text_and_not_read(web_client):
    r = web_client.post("/api/v1/labs", json={"text": CRITICAL_TEXT + "\nPotass1um 5.A mmo1/L 3.5-5.l"})
    body = r.json()
    assert r.status_code == 200 and body["urgent"] is True
    assert body["not_read"] == ["Potass1um 5.A mmo1/L 3.5-5.l"]
    normal = web_client.post("/api/v1/labs", json={"text": "Sodium 140 mmol/L 136-145"}).json()
    assert normal["urgent"] is False and normal["results"][0]["status"] == "normal"


def test_api_refuses_more_than_10_mb_with_413(web_client):
    big = b"x" * (10 * 1024 * 1024 + 300 * 1024)
    r = web_client.post("/api/v1/labs", content=big, headers={"content-type": "application/pdf"})
    assert r.status_code == 413 and "10 MB" in r.json()["detail"]

    def chunks():  # no Content-Length: counted while it streams
        for _ in range(11):
            yield b"y" * (1024 * 1024)
    r = web_client.post("/api/v1/labs", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413


def test_api_bad_input_is_422_with_one_line(web_client):
    r = web_client.post("/api/v1/labs", files={"file": ("a.pdf", b"%PDF-1.4 nonsense", "application/pdf")})
    assert r.status_code == 422 and r.json() == {"detail": "uploaded file: is damaged or not a PDF this reader understands"}
    assert web_client.post("/api/v1/labs", json={"words": "x"}).status_code == 422
    assert web_client.post("/api/v1/labs", content=b"hi", headers={"content-type": "text/plain"}).status_code == 422


def test_openapi_documents_both_bodies_and_the_answer(web_client):
    op = web_client.get("/openapi.json").json()["paths"]["/api/v1/labs"]["post"]
    assert set(op["requestBody"]["content"]) == {"multipart/form-data", "application/json"}
    assert op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/LabsOut")
    schemas = web_client.get("/openapi.json").json()["components"]["schemas"]
    assert schemas["ExplainedResult"]["properties"]["status"]["enum"] == [
        "normal", "high", "low", "critical-high", "critical-low", "unknown"]
    sent = web_client.post("/api/v1/labs", json={"text": "Sodium 150 mmol/L 136-145"}).json()
    assert set(schemas["LabsOut"]["properties"]) == set(sent)
    assert set(schemas["ExplainedResult"]["properties"]) == set(sent["results"][0])


def test_labs_page_form_and_results(web_client, us_report):
    page = web_client.get("/labs")
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.text and 'name="file"' in page.text and 'name="text"' in page.text
    assert "read in memory and never stored" in page.text and "not a diagnosis" in page.text
    assert 'href="/labs"' in web_client.get("/").text

    shown = web_client.post("/labs", files={"file": ("report.pdf", us_report.data, "application/pdf")})
    assert shown.status_code == 200 and shown.headers["cache-control"] == "no-store"
    html = shown.text
    assert html.index('class="warning labs-urgent"') < html.index('id="h-results"')
    assert "status-critical-high" in html and "Critical: very high" in html and "Normal" in html
    assert not [s for s in us_report.person.secrets() if s in html]

    pasted = web_client.post("/labs", files={"text": (None, "Potass1um 5.A mmo1/L 3.5-5.l\nSodium 150 mmol/L 136-145")})
    assert "Lines we could not read" in pasted.text and "status-high" in pasted.text

    bad = web_client.post("/labs", files={"file": ("x.pdf", b"%PDF-1.4 junk", "application/pdf")})
    assert bad.status_code == 422 and "We could not read that report" in bad.text
