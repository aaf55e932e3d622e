"""Manifest + read manuscripts → one `Edition` per language, with every text resolved."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from munpress import locale
from munpress.diagnostics import Sink
from munpress.i18n import _
from munpress.manifest.schema import ArticleEntry, FillerEntry, Magazine, Manifest
from munpress.model.edition import Edition, Entry, Filler, FrontMatter, Rubric
from munpress.model.nodes import (
    Block,
    Document,
    Heading,
    Paragraph,
    Text,
    block_text,
    has_pictures,
)


def front_matter(magazine: Magazine, manifest: Manifest, lang: str) -> FrontMatter:
    issue = manifest.issue
    return FrontMatter(
        title=magazine.title(lang), tagline=magazine.tagline(lang), kind_line=magazine.kind_line(lang),
        issue_line=locale.issue_line(lang, issue.date, issue.number, issue.number_in_year),
        running_head=locale.running_head(lang, magazine.title(lang), issue.date, issue.number,
                                         issue.number_in_year),
        year=issue.date.year, number_in_year=issue.number_in_year, headlines=tuple(h(lang) for h in issue.headlines),
        issn=magazine.issn, registration_number=magazine.registration_number,
        founder=magazine.founder(lang), publisher=magazine.publisher(lang),
        masthead=tuple((m.role(lang), m.name(lang)) for m in magazine.masthead),
        editorial_policy=magazine.editorial_policy(lang), disclaimer=magazine.disclaimer(lang),
        address=magazine.contacts.address(lang), email=magazine.contacts.email,
        phones=magazine.contacts.phones, fax=magazine.contacts.fax,
        photo_credits=magazine.photo_credits(lang), subscription=magazine.subscription(lang),
        print_details=locale.print_details(lang, issue.signed_to_print, issue.print_run,
                                           magazine.printer(lang) if magazine.printer else ""),
    )


def title_block(document: Document) -> Block | None:
    """The manuscript's Title paragraph or, failing that, its first Heading 1."""
    for block in document.blocks:
        if isinstance(block, Paragraph) and block.role == "title":
            return block
    for block in document.blocks:
        if isinstance(block, Heading) and block.level == 1:
            return block
    return None


def set_aside_blocks(entry: ArticleEntry, document: Document) -> tuple[Block, ...]:
    """Blocks of the manuscript not printed on purpose: its title, when the manifest gives
    the article another one (docs/manifest.md)."""
    block = title_block(document)
    return (block,) if entry.title is not None and block is not None else ()


def _unchanged(text: str) -> str:
    return text


def assemble_entry(entry: ArticleEntry, document: Document, lang: str, sink: Sink,
                   polish: Callable[[str], str] = _unchanged) -> Entry:
    heading = title_block(document)
    title = heading.inlines if heading is not None else ()
    blocks = tuple(block for block in document.blocks if block is not heading)
    if entry.kind == "article" and not any(block_text(b).strip() or has_pictures(b) for b in blocks):
        sink.error("article.empty", _("the manuscript has no text after its title: is it the right file?"),
                   article=entry.id, lang=lang, file=document.source,
                   hints=(_("put the article's text in the manuscript, or remove the article from {file}",
                            file="issue.toml"),))
    if entry.title is not None:
        title = (Text(polish(entry.title(lang))),)
    if not title:
        sink.warning("article.no-title", _("the manuscript has no {title} or {heading} paragraph and the manifest "
                                           "gives no title; the article id is printed instead",
                                           title="Title", heading="Heading 1"),
                     article=entry.id, lang=lang, file=document.source)
        title = (Text(entry.id),)
    pull_quotes = (*(block.inlines for block in blocks if isinstance(block, Paragraph) and block.role == "pullquote"
                     and block_text(block).strip()),
                   *((Text(polish(quote(lang))),) for quote in entry.pull_quotes))
    return Entry(entry.id, entry.kind, title, blocks, document.source, entry.starts_new_page(lang), entry.columns,
                 pull_quotes)


def assemble_filler(filler: FillerEntry, document: Document, source: str) -> Filler:
    """A filler read like a manuscript: its Title (or first Heading 1) is its title."""
    heading = title_block(document)
    title = heading.inlines if heading is not None else ()
    return Filler(filler.id, filler.kind, title, tuple(block for block in document.blocks if block is not heading),
                  source)


def assemble_edition(manifest: Manifest, documents: dict[str, Document], lang: str, sink: Sink,
                     polish: Callable[[str], str] = _unchanged,
                     fillers: tuple[Filler, ...] = ()) -> Edition:
    """`documents` maps each entry id to its manuscript in this language; `polish` sets the
    manifest's own texts (titles, rubrics, cover lines, pull quotes) by the language's
    typography rules; `fillers` are the magazine's fillers of this language, assembled."""
    rubrics = tuple(
        Rubric(polish(section.title(lang)),
               tuple(assemble_entry(entry, documents[entry.id], lang, sink, polish)
                     for entry in section.articles if entry.in_edition(lang)),
               polish(section.running_head(lang)) if section.running_head else "")
        for section in manifest.issue.sections
        if any(entry.in_edition(lang) for entry in section.articles))
    front = front_matter(manifest.magazine, manifest, lang)
    front = replace(front, headlines=tuple(polish(line) for line in front.headlines))
    return Edition(lang, manifest.magazine.slug, manifest.issue.number, front, rubrics, fillers)
