"""schema.org JSON-LD for a guide page: the Drug, the MedicalWebPage about it, and its FAQPage."""

from __future__ import annotations

import json

from markupsafe import Markup

from healthlib.model.article import Article

RX_STATUS = {"prescription": "https://schema.org/PrescriptionOnly", "otc": "https://schema.org/OTC"}


def script_json(data: object) -> Markup:
    """JSON safe inside <script>: '<', '>' and '&' escaped so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


def guide_jsonld(article: Article, url: str) -> dict:
    drug_id = f"{url}#drug"
    drug: dict = {
        "@type": "Drug",
        "@id": drug_id,
        "name": article.title,
        "nonProprietaryName": article.generic_name,
        "description": article.summary,
        "url": url,
    }
    if article.brand_names:
        drug["proprietaryName"] = [b.name for b in article.brand_names]
    if article.class_name:
        drug["drugClass"] = {"@type": "DrugClass", "name": article.class_name}
    if article.rx_status in RX_STATUS:
        drug["prescriptionStatus"] = RX_STATUS[article.rx_status]
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "description": article.summary,
        "inLanguage": "en",
        "dateModified": article.updated,
        "about": {"@id": drug_id},
        "audience": {"@type": "PeopleAudience", "audienceType": "Patients and carers"},
        "citation": [_citation(s) for s in article.sources],
    }
    graph: list[dict] = [page, drug]
    if article.faq:
        graph.append({
            "@type": "FAQPage",
            "@id": f"{url}#faq",
            "url": f"{url}#faq",
            "mainEntity": [{"@type": "Question", "name": f.question,
                            "acceptedAnswer": {"@type": "Answer", "text": f.answer}} for f in article.faq],
        })
    return {"@context": "https://schema.org", "@graph": graph}


def _citation(source) -> dict:
    work: dict = {"@type": "CreativeWork", "name": source.title,
                  "publisher": {"@type": "Organization", "name": source.publisher}}
    if source.url:
        work["url"] = source.url
    if source.date:
        work["dateModified"] = source.date
    return work
