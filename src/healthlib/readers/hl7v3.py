"""HL7 version 3 XML, the family of both an FDA label (SPL) and a portal's record export (C-CDA):
its namespace, and the one parser for such a document from outside, which expands no entity (a
"billion laughs"), fetches nothing and keeps no comment or processing instruction."""

from __future__ import annotations

from lxml import etree

NS = "urn:hl7-org:v3"
V = f"{{{NS}}}"  # an element's name in the namespace: f"{V}section"
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                              remove_pis=True, huge_tree=False)
