"""HTML reader: main text only, block kinds, encodings."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.documents import read_document

PAGE = """<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>Rapport</title>
<style>p {{ color: red; }}</style><script>var x = "do not read";</script></head>
<body>
<header><nav><a href="/">Accueil</a> | <a href="/docs">Documents</a></nav></header>
<main>
  <h1>Besoins en capacités</h1>
  <p>Le pays a besoin d'une <b>formation</b> des agents
     et d'équipements de laboratoire.</p>
  <div>Texte direct dans un bloc.<p>Paragraphe imbriqué.</p></div>
  <ul><li>Formation des douaniers<ul><li>niveau national</li></ul></li><li>Analyseurs portables</li></ul>
  <table><tr><th>Besoin</th><th>Coût</th></tr><tr><td>Formation</td><td>40 000</td></tr></table>
  <form><label>Recherche</label><input></form>
</main>
<aside>Articles liés</aside>
<footer>© Ministère</footer>
</body></html>
"""

EXPECTED = [
    ("heading", "Besoins en capacités"),
    ("body", "Le pays a besoin d'une formation des agents et d'équipements de laboratoire."),
    ("body", "Texte direct dans un bloc."),
    ("body", "Paragraphe imbriqué."),
    ("list_item", "Formation des douaniers"),
    ("list_item", "niveau national"),
    ("list_item", "Analyseurs portables"),
    ("table", "Besoin | Coût"),
    ("table", "Formation | 40 000"),
]


@pytest.mark.parametrize(("charset", "encoding"), [("utf-8", "utf-8"), ("windows-1252", "cp1252"), ("iso-8859-1", "latin-1")])
def test_main_text_in_order(tmp_path: Path, charset: str, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(PAGE.format(charset=charset).encode(encoding))
    document = read_document(path)
    assert [(b.kind, b.text) for b in document.pages[0].blocks] == EXPECTED
    assert [page.number for page in document.pages] == [1] and document.warnings == ()


def test_page_without_main_drops_site_furniture(tmp_path: Path) -> None:
    html = ("<html><body><nav>Menu</nav><header>Site</header><article><header><h2>Rapport annuel</h2></header>"
            "<p>Необходимо обучение специалистов.</p></article><footer>Contact</footer></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(html.encode("utf-8"))
    assert [(b.kind, b.text) for b in read_document(path).pages[0].blocks] == [
        ("heading", "Rapport annuel"),
        ("body", "Необходимо обучение специалистов."),
    ]


def test_html_without_doctype_is_sniffed_by_content(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_bytes("<html><body><p>Texte en cp1251: нужна поддержка.</p></body></html>".encode("cp1251"))
    assert [b.text for b in read_document(path).pages[0].blocks] == ["Texte en cp1251: нужна поддержка."]


def test_empty_page_gives_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>var a;</script></body></html>", encoding="utf-8")
    document = read_document(path)
    assert document.pages[0].blocks == () and document.warnings == ("no text found in the page",)
