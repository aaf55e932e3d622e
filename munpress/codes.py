"""Every code munpress gives a finding or an error, with what it means and what to do.

For the editors and the designer: `munpress explain CODE` prints one entry in their language,
docs/codes.md is the whole table (made by tools/codes_table.py), and tests/test_codes.py keeps
this registry and the code that emits the codes in step.

The two texts are marked with N_() and translated where they are shown; file names, keys,
commands and numbers in them are places (`{issue_toml}`), filled from `Code.values`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from munpress.i18n import N_, _

# How a code shows itself. A finding of `munpress check` is an error (check exits 1), a
# warning (exit 1 only with --strict) or an info; an error that stops the command says
# its exit code (2: input munpress cannot use; 1: the issue cannot be set without losing text).
SEVERITIES = {
    "error": N_("error"),
    "warning": N_("warning"),
    "info": N_("info"),
    "info or warning": N_("info or warning"),
    "warning or error, stops build": N_("warning or error; an error stops {build} (exit code {exit})"),
    "error, stops build": N_("error; {build} stops and writes no PDF (exit code {exit})"),
    "error or stops": N_("error in {check}; the other commands stop (exit code {exit})"),
    "stops": N_("stops the command (exit code {exit})"),
}

# Places every text may use.
COMMON = {
    "issue_toml": "issue.toml",
    "munpress_toml": "munpress.toml",
    "docx": ".docx",
    "fonts": "fonts/",
    "doc": "docs/manifest.md",
}


@dataclass(frozen=True)
class Code:
    code: str
    severity: str  # a key of SEVERITIES
    meaning: str  # one sentence, marked N_()
    fix: str  # one sentence, marked N_()
    exit_code: int | None = None  # 1 or 2 when it stops a command
    own: dict[str, str] = field(default_factory=dict)  # places of the two texts beyond COMMON

    @property
    def values(self) -> dict[str, str]:
        return {**COMMON, **self.own}

    def severity_text(self, translate=_) -> str:
        """The severity in the chosen language (`translate=str` for the English of the docs)."""
        return translate(SEVERITIES[self.severity]).format(exit=self.exit_code, build="munpress build",
                                                           check="munpress check")

    def meaning_text(self, translate=_) -> str:
        return translate(self.meaning).format(**self.values)

    def fix_text(self, translate=_) -> str:
        return translate(self.fix).format(**self.values)


_PDFX_FIX = N_("If {key} in {munpress_toml} names the press's own profile, check that profile with the print "
               "house; otherwise this is a munpress bug: send the issue to the developers.")
_PDFX = {"key": "[print] profile"}
_TOML_VALUE = N_("Change it as the line's hint says; {doc} lists the allowed values.")

CODES = (
    # --- articles ----------------------------------------------------------------------
    Code("article.empty", "error",
         N_("The manuscript has no text after its title: it may be the wrong file, or the text is missing."),
         N_("Put the article's text in the manuscript, or remove the article from {issue_toml}.")),
    Code("article.long-title", "warning",
         N_("The article's title takes more than three lines on the page."),
         N_("Shorten the title in the manuscript, or give the article a shorter {title} in {issue_toml}."),
         own={"title": "title = …"}),
    Code("article.no-title", "warning",
         N_("The manuscript has no paragraph in the {style} or {heading} style and {issue_toml} gives no "
            "title, so the article's id is printed as its title."),
         N_("Give the title the {style} style in Word, or give the article a {title} in {issue_toml}."),
         own={"style": "Title", "heading": "Heading 1", "title": "title = …"}),
    Code("article.pull-quote-not-in-text", "warning",
         N_("A pull quote given in {issue_toml} does not repeat a sentence of the article's text."),
         N_("Copy the sentence into {key} exactly as the manuscript has it, or correct the manuscript."),
         own={"key": "pull_quotes"}),
    Code("article.title-split", "warning",
         N_("The article's title starts on one page and ends on the next."),
         N_("Shorten the title, or start the article on a new page with {setting} in {issue_toml}."),
         own={"setting": "new_page = true"}),
    # --- manuscripts ---------------------------------------------------------------------
    Code("docx.comments", "warning",
         N_("The manuscript still has Word comments; they are not printed."),
         N_("Resolve and delete the comments in Word (Review → Delete) and save the manuscript.")),
    Code("docx.damaged-part", "warning",
         N_("A part of the Word file (such as its footnotes) is damaged, and its content is left out."),
         N_("Open the manuscript in Word, check what is missing, and save it again as {docx}.")),
    Code("docx.equation", "warning",
         N_("An equation in the manuscript is set as plain text and may not look as it does in Word."),
         N_("Check the equation in the proof; if it is wrong, ask the designer to insert it as a picture.")),
    Code("docx.imported-content", "warning",
         N_("Part of the text is a file imported into the manuscript that munpress cannot read, so it is "
            "left out."),
         N_("Open the manuscript in Word and save it again as {docx}, then check that all the text is there.")),
    Code("docx.layout-table", "warning",
         N_("The text stands in a one-cell table (a frame), and it is set as running text."),
         N_("Nothing, if that is right; otherwise take the text out of the table in Word.")),
    Code("docx.missing-image", "error",
         N_("A picture is only linked to a file on the author's computer and is not stored in the manuscript."),
         N_("Insert the picture itself into the manuscript (Insert → Pictures, without Link to file) and "
            "save it.")),
    Code("docx.missing-note", "warning",
         N_("A footnote mark in the text has no footnote text in the document."),
         N_("Write the footnote's text in Word, or delete the mark.")),
    Code("docx.picture-too-large", "stops",
         N_("A picture in the manuscript has far more pixels than any print needs, so the manuscript is "
            "refused."),
         N_("Scale the picture down ({ppi} at its printed size is plenty), insert it again and save the "
            "manuscript."),
         exit_code=2, own={"ppi": "300 ppi"}),
    Code("docx.symbol-font", "warning",
         N_("Text in a symbol font (such as {fonts_named}) cannot be reproduced exactly."),
         N_("Replace those characters in Word with ordinary characters of a normal font (Insert → Symbol)."),
         own={"fonts_named": "Symbol, Wingdings"}),
    Code("docx.tracked-changes", "error",
         N_("The manuscript has tracked changes nobody accepted or rejected; the PDF shows the text as if "
            "all were accepted."),
         N_("Accept or reject the changes in Word (Review → Accept or Reject) and save the manuscript.")),
    Code("docx.unbroken-text", "stops",
         N_("The manuscript holds an enormously long run of characters without a space: pasted data, not "
            "text."),
         N_("Remove it, or break it into lines, and save the manuscript again."), exit_code=2),
    Code("docx.unknown-style", "warning",
         N_("A paragraph style of the manuscript is not in the style map, so its text is set as body text."),
         N_("Give the paragraph a standard style in Word, or add the style's name with its role to {styles} "
            "in {munpress_toml}."),
         own={"styles": "[styles]"}),
    Code("docx.unreadable", "error or stops",
         N_("The manuscript cannot be read: it is damaged, empty, password-protected or not a Word file."),
         N_("Open it in Word and save it again as a Word document ({docx}), without a password."),
         exit_code=2),
    Code("docx.unsupported-object", "warning",
         N_("A chart or a SmartArt diagram in the manuscript is not carried over to the page."),
         N_("Paste it into Word as a picture and save the manuscript.")),
    Code("docx.word-contents", "warning",
         N_("The manuscript has Word's own table of contents, which is left out: the issue's contents is "
            "made from {issue_toml}."),
         N_("Delete Word's table of contents from the manuscript.")),
    Code("input.not-docx", "stops",
         N_("A manuscript is not a Word {docx} file (it is, say, a {others} file)."),
         N_("Open it in Word, save it as a Word document ({docx}) and name that file in {issue_toml}."),
         exit_code=2, own={"others": ".doc, .pdf, .odt"}),
    Code("input.unusable", "stops",
         N_("munpress cannot use its input; the line says which file and why."),
         N_("Do what the line's hint says; if there is none, send the command and the files to the "
            "developers."),
         exit_code=2),
    Code("language.mismatch", "warning",
         N_("The manuscript does not look like its edition's language: a Russian text in the Kyrgyz "
            "edition, or the other way round."),
         N_("Check that {issue_toml} names the right file for each language.")),
    # --- fonts, pictures, imprint, ISSN ------------------------------------------------------
    Code("font.missing", "stops",
         N_("A font family named in {munpress_toml} is neither in {fonts} nor among the installed fonts."),
         N_("Put the font's {ttf} files in {fonts}, or name {choices} in {key} of {munpress_toml}."),
         exit_code=2, own={"ttf": ".ttf", "choices": "PT Serif / PT Sans", "key": "[layout.fonts]"}),
    Code("font.unreadable", "stops",
         N_("A font file cannot be read: it is damaged, not a font, too large, or a link outside the "
            "magazine folder."),
         N_("Replace it with a sound TrueType ({ttf}) file, or remove it from {fonts}."),
         exit_code=2, own={"ttf": ".ttf"}),
    Code("fonts.no-embedding", "error",
         N_("The font's licence does not allow embedding it in a PDF, so the issue cannot go to print with it."),
         N_("Choose another font in {key} of {munpress_toml}."),
         own={"key": "[layout.fonts]"}),
    Code("fonts.no-subsetting", "warning",
         N_("The font's licence forbids embedding only the letters used, so the whole font goes into the PDF."),
         N_("Usually nothing; if the print house objects, choose another font in {key} of {munpress_toml}."),
         own={"key": "[layout.fonts]"}),
    Code("images.colour-space", "info",
         N_("How many pictures are in each colour space; the print PDF converts them to the press's CMYK."),
         N_("Nothing; to convert them for a particular press, name its profile in {key} of {munpress_toml}."),
         own={"key": "[print] profile"}),
    Code("images.low-resolution", "warning",
         N_("A picture prints at less than {ppi} on its page and will look soft or blocky."),
         N_("Ask the author for the original photo, or print the picture smaller."),
         own={"ppi": "300 ppi"}),
    Code("imprint.missing-field", "error",
         N_("The imprint lacks a field (such as the ISSN, founder, publisher or address) in this edition's "
            "language."),
         N_("Fill in the field for this language in {munpress_toml}.")),
    Code("imprint.print-details", "warning",
         N_("The imprint does not give the print run or the printer, which the law on mass media asks for."),
         N_("Add {print_run} to {issue_toml}, or {printer} to {munpress_toml}."),
         own={"print_run": "print_run = 1000", "printer": "printer = …"}),
    Code("issn.barcode", "error",
         N_("The barcode on the cover does not match the ISSN and the issue's number in the year."),
         N_("Check {issn} in {munpress_toml} and {number} in {issue_toml}; if both are right, send the "
            "issue to the developers."),
         own={"issn": "issn", "number": "number_in_year"}),
    Code("issn.check-digit", "error",
         N_("The ISSN's last character does not agree with its other digits: it has a typo."),
         N_("Copy the ISSN again from the ISSN centre's record into {munpress_toml}.")),
    Code("issn.format", "error",
         N_("The ISSN in {munpress_toml} is not of the form {form}."),
         N_("Write it as four digits, a hyphen and four more characters, such as {example}."),
         own={"form": "NNNN-NNNC", "example": "1694-7053"}),
    Code("issn.no-barcode", "error",
         N_("The cover carries no ISSN barcode, because the ISSN is not valid."),
         N_("Correct {issn} in {munpress_toml}; the barcode is drawn from it."),
         own={"issn": "issn"}),
    # --- layout ----------------------------------------------------------------------------
    Code("layout.hollow-page", "warning",
         N_("A page of an article stops well short of the foot of its type area."),
         N_("Fill the space with a filler ({fillers}) or a pull quote, or let the next article start on "
            "that page ({setting})."),
         own={"fillers": "[[fillers]]", "setting": "new_page = false"}),
    Code("layout.lost-text", "error, stops build",
         N_("Words of the manuscript are missing from the PDF, so no PDF is written."),
         N_("This is a munpress bug: send the manuscript and the issue to the developers."), exit_code=1),
    Code("layout.missing-glyph", "warning or error, stops build",
         N_("The fonts lack some characters of the text, which would print blank; when whole words "
            "cannot be printed, it is an error."),
         N_("Put a font that has them in {fonts} and name it in {key}, or replace the characters in the "
            "manuscript."),
         exit_code=1, own={"key": "[layout.fonts]"}),
    Code("layout.overset", "error or stops",
         N_("Text does not fit its page, or a picture or table fits on no page; nothing is built, so no "
            "text is cut."),
         N_("Shorten the text, make the picture or table smaller, or make the entry an article that flows "
            "over pages."),
         exit_code=1),
    Code("layout.running-head-shortened", "warning",
         N_("A rubric's running head is too long for the page and is printed cut short."),
         N_("Give the rubric a shorter {key} in {issue_toml}."),
         own={"key": "running_head"}),
    Code("layout.table-too-wide", "error or stops",
         N_("A table has too many columns to fit the page, even in the smallest type."),
         N_("Split the table in Word, or turn its columns into rows."), exit_code=1),
    Code("layout.title-too-long", "error or stops",
         N_("An article's title is too long to fit on a page."),
         N_("Shorten the title, or give the article a shorter {title} in {issue_toml}."),
         exit_code=1, own={"title": "title = …"}),
    Code("layout.unsupported-image", "error",
         N_("A picture cannot be drawn (an unknown or damaged format, or far too many pixels); a frame "
            "marks its place."),
         N_("Save the picture as {formats}, not too large, insert it again and save the manuscript."),
         own={"formats": "JPEG / PNG"}),
    Code("pages.not-multiple-of-4", "error",
         N_("The edition's page count is not a multiple of four, which saddle stitching needs."),
         N_("Add or remove the pages the line says: with a filler, a pull quote, or longer or shorter "
            "articles.")),
    Code("toc.not-placed", "error",
         N_("An article listed in {issue_toml} was not placed anywhere in the layout."),
         N_("Look for the article in the proof and check its manuscript; if its text is there, send the "
            "issue to the developers.")),
    Code("toc.page-mismatch", "error",
         N_("The article starts on another page than the one planned for it in {issue_toml}."),
         N_("Set the page the line gives in {issue_toml}, or accept the whole layout with {command}, or "
            "change the layout."),
         own={"command": "munpress toc <N> --write"}),
    Code("typography.letter-spacing", "warning",
         N_("Lines of the article are letter-spaced beyond {limit} of the type size to fill the column."),
         N_("Look at the lines with {command}; adding or cutting a few words helps."),
         own={"limit": "±1%", "command": "munpress report <N>"}),
    Code("typography.paragraph-stub", "warning",
         N_("Paragraphs end on a very short last line (a stub)."),
         N_("Add or cut a word in the paragraph.")),
    Code("typography.quality", "warning",
         N_("The article's type misses the magazine's targets: wide word spaces, many hyphens in a row, "
            "overfull lines, widows or orphans."),
         N_("See the article's figures with {command}, then add or cut words where the lines are worst."),
         own={"command": "munpress report <N>"}),
    Code("typography.title-one-word", "warning",
         N_("A title or heading ends on a line of one word."),
         N_("Shorten the heading, or tie its last two words with a no-break space.")),
    # --- the print PDF -------------------------------------------------------------------------
    Code("preflight.no-print-pdf", "info or warning",
         N_("The print PDF is not built yet (info) or cannot be read (warning), so its PDF/X preflight "
            "was not done."),
         N_("Run {command} first; the check then reads the print PDF it wrote."),
         own={"command": "munpress build <N>"}),
    Code("preflight.pdfx-boxes", "error",
         N_("Pages of the print PDF lack a trim box inside the bleed and media boxes."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-fonts", "error",
         N_("A font of the print PDF is not embedded, or two fonts share one subset tag."), _PDFX_FIX,
         own=_PDFX),
    Code("preflight.pdfx-info", "error",
         N_("The print PDF's document information (title, dates, ID) is incomplete."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-output-intent", "error",
         N_("The print PDF does not have exactly one PDF/X output intent with a CMYK printer profile."), _PDFX_FIX,
         own=_PDFX),
    Code("preflight.pdfx-rgb", "error",
         N_("The print PDF has pictures or colours in RGB, which PDF/X for the press does not allow."),
         _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-transparency", "error",
         N_("The print PDF uses transparency, which PDF/X-1a forbids."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-trapped", "error",
         N_("The print PDF does not say whether it is trapped."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-unreadable", "error",
         N_("The print PDF cannot be read back for the preflight."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-version", "error",
         N_("The print PDF's version is newer than its PDF/X standard allows."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-version-key", "error",
         N_("The print PDF's PDF/X version keys do not name its standard."), _PDFX_FIX, own=_PDFX),
    Code("preflight.pdfx-xmp", "error",
         N_("The print PDF's XMP metadata does not state its PDF/X version."), _PDFX_FIX, own=_PDFX),
    # --- issue.toml and munpress.toml ----------------------------------------------------------------
    Code("manifest.duplicate-article", "stops",
         N_("Two articles in {issue_toml} have the same id or name the same manuscript file."),
         N_("Give each article its own id and its own manuscript."), exit_code=2),
    Code("manifest.duplicate-filler", "stops",
         N_("Two fillers in {munpress_toml} have the same id or name the same file."),
         N_("Give each filler its own file for each language, or its own {id}."),
         exit_code=2, own={"id": 'id = "…"'}),
    Code("manifest.encoding", "stops",
         N_("The TOML file is not saved as UTF-8 text."),
         N_("Save it as UTF-8; in Notepad: Save As → Encoding: UTF-8."), exit_code=2),
    Code("manifest.file-type", "stops",
         N_("A manuscript's path in the TOML file does not end in {docx}."),
         N_("Save the manuscript in Word as a Word document and write its name with {docx}."), exit_code=2),
    Code("manifest.missing-file", "stops",
         N_("A file named in the TOML file is not there: a typo, or the manuscript is not copied in yet."),
         N_("Check the path and the file's name; the line suggests a file with a close name when there is "
            "one."),
         exit_code=2),
    Code("manifest.missing-key", "stops",
         N_("A required key, or the text for one of the languages, is missing from the TOML file."),
         N_("Add the key the line names; {doc} lists every key."), exit_code=2),
    Code("manifest.no-issue", "stops",
         N_("There is no folder for that issue number in {issues}."),
         N_("Check the number, or start the issue with {command}."),
         exit_code=2, own={"issues": "issues/", "command": "munpress new <N>"}),
    Code("manifest.no-root", "stops",
         N_("There is no {munpress_toml} here: the command was run outside the magazine folder."),
         N_("Run it inside the magazine folder, or name the folder with {option}."),
         exit_code=2, own={"option": "--root"}),
    Code("manifest.not-a-file", "stops",
         N_("A manuscript's path names a folder or a device, not a Word file."),
         N_("Name the {docx} file itself."), exit_code=2),
    Code("manifest.path-absolute", "stops",
         N_("A path in the TOML file starts at the disk, so it breaks when the magazine folder moves."),
         N_("Write it relative to the issue's folder (for a filler, to the magazine folder), as the line "
            "shows."),
         exit_code=2),
    Code("manifest.path-escape", "stops",
         N_("A path in the TOML file leads outside the magazine folder."),
         N_("Copy the file into the magazine folder and name it from there."), exit_code=2),
    Code("manifest.syntax", "stops",
         N_("The TOML file has a syntax error at the line and column given."),
         N_("Correct that line (text goes in quotes, a date is written as {date}); {doc} has examples."),
         exit_code=2, own={"date": "2024-01-15"}),
    Code("manifest.type", "stops",
         N_("A value in the TOML file is of the wrong kind, such as text where a number is needed."),
         N_("Write it as the line says: numbers without quotes, text in quotes."), exit_code=2),
    Code("manifest.unknown-key", "stops",
         N_("The TOML file has a key munpress does not know, often a typo."),
         N_("Correct the key (the line suggests the nearest one) or remove it; {doc} lists every key."),
         exit_code=2),
    Code("manifest.unreadable", "stops",
         N_("The TOML file cannot be read."),
         N_("Check that the file is there and that you may read it."), exit_code=2),
    Code("manifest.unwritable", "stops",
         N_("The planned pages cannot be written into {issue_toml}."),
         N_("Make {issue_toml} and its folder writable, then run the command again."), exit_code=2),
    Code("manifest.value", "stops",
         N_("A value in the TOML file is not allowed: empty, out of range, unknown, or in conflict with "
            "another."),
         _TOML_VALUE, exit_code=2),
    Code("output.unwritable", "stops",
         N_("The PDF cannot be written: the folder is not writable, the disk is full, or the file is open "
            "in another program."),
         N_("Close the PDF in other programs and free some space, or write it elsewhere with {option}."),
         exit_code=2, own={"option": "--out"}),
    # --- the command line -------------------------------------------------------------------------
    Code("usage.article", "stops",
         N_("The article given with {option} is not in {issue_toml}, or not in the chosen edition."),
         N_("Use the article's id as {issue_toml} has it (the line suggests the nearest one), with {lang} "
            "for its edition."),
         exit_code=2, own={"option": "--article", "lang": "--lang"}),
    Code("usage.code", "stops",
         N_("{command} was given a code munpress does not have."),
         N_("Write the code as a finding or an error shows it; the line suggests the nearest one."),
         exit_code=2, own={"command": "munpress explain"}),
    Code("usage.format", "stops",
         N_("The output format given with {option} is not one munpress writes."),
         N_("Use one of: {choices}."), exit_code=2, own={"option": "--format", "choices": "text, json, github"}),
    Code("usage.issue", "stops",
         N_("The number given to {command} is not a number, or there is no earlier issue to copy from."),
         N_("Give the number in digits, and the issue to copy with {option}."),
         exit_code=2, own={"command": "munpress new", "option": "--from"}),
    Code("usage.issue-date", "stops",
         N_("The issue to copy from is dated so far ahead that the month after it cannot be given."),
         N_("Correct that issue's date, or copy another with {option}."), exit_code=2, own={"option": "--from"}),
    Code("usage.issue-exists", "stops",
         N_("The new issue's folder already exists; munpress never overwrites an issue."),
         N_("Choose another number, or remove the folder yourself."), exit_code=2),
    Code("usage.language", "stops",
         N_("The issue has no edition in the language given with {option}."),
         N_("Use one of the languages {issue_toml} lists."), exit_code=2, own={"option": "--lang"}),
    Code("usage.options", "stops",
         N_("Two options were given that do different things."),
         N_("Choose one of them; the line says which does what."), exit_code=2),
    Code("usage.pages", "stops",
         N_("The pages given with {option} are not a list of pages, or lie beyond the edition."),
         N_("Write pages and ranges of pages, such as {example}, within the edition's pages."),
         exit_code=2, own={"option": "--pages", "example": "--pages 4-6,9"}),
    Code("usage.unwritable", "stops",
         N_("The new issue's folder cannot be created."),
         N_("Make the {issues} folder writable, then run the command again."),
         exit_code=2, own={"issues": "issues/"}),
    Code("usage.variant", "stops",
         N_("The PDF variant given with {option} is not one munpress makes."),
         N_("Use one of: {choices}."), exit_code=2, own={"option": "--variant", "choices": "print, screen, proof"}),
)

REGISTRY: dict[str, Code] = {entry.code: entry for entry in sorted(CODES, key=lambda entry: entry.code)}


def lookup(code: str) -> Code | None:
    """The entry of a code as a person types it (spaces and capitals allowed), or None."""
    return REGISTRY.get(code.strip().lower())


def nearest(code: str) -> str:
    """The code meant: the first one that begins with what was typed, else the most alike."""
    typed = code.strip().lower()
    starting = [known for known in REGISTRY if typed and known.startswith(typed)]
    return (starting or difflib.get_close_matches(typed, list(REGISTRY), n=1, cutoff=0) or list(REGISTRY))[0]
