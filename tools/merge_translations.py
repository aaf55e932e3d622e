"""Put translations sent as JSON into the ky and ru catalogs (after `make messages`).

A translator who does not work in .po files sends `{"English message": {"ky": "…", "ru": "…"}}`
(for a message with a count: lists of the plural forms, two for ky, three for ru). Every
message given here must be one the catalogs hold: a stale one is reported, not added.

    python tools/merge_translations.py i18n-work/*.json
    python tools/merge_translations.py --check i18n-work/checks.json munpress/checks
      (what the sent file lacks for the messages of those sources, before merging)
"""

from __future__ import annotations

import json
import string
import sys
from pathlib import Path

from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po, write_po

MESSAGES = Path(__file__).resolve().parents[1] / "munpress" / "messages"


def merge(paths: list[Path]) -> int:
    sent: dict[str, dict] = {}
    for path in paths:
        sent.update(json.loads(path.read_text("utf-8")))
    unknown = set(sent)
    for lang in ("ky", "ru"):
        po = MESSAGES / lang / "LC_MESSAGES" / "munpress.po"
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            if not key or key not in sent or lang not in sent[key]:
                continue
            unknown.discard(key)
            given = sent[key][lang]
            message.string = tuple(given) if isinstance(message.id, tuple) else given
            message.flags.discard("fuzzy")
        with po.open("wb") as handle:
            write_po(handle, catalog, width=0, no_location=True, sort_output=True)
    for key in sorted(unknown):
        print(f"not in the catalogs (changed or gone from the code?): {key!r}", file=sys.stderr)
    return 1 if unknown else 0


KEYWORDS = {"_": None, "_n": (1, 2), "N_": None}
PLURAL_FORMS = {"ky": 2, "ru": 3}


def _places(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name is not None}


def check(sent_path: Path, sources: list[Path]) -> int:
    """Every message of `sources` translated in `sent_path`, with the same places to fill."""
    sent = json.loads(sent_path.read_text("utf-8")) if sent_path.exists() else {}
    problems = []
    for source in sources:
        found = (extract_from_file("python", str(source), keywords=KEYWORDS) if source.is_file()
                 else (item[1:] for item in extract_from_dir(str(source), method_map=[("**.py", "python")],
                                                             keywords=KEYWORDS)))
        for _line, message, *_rest in found:
            forms = message if isinstance(message, tuple) else (message,)
            given = sent.get(forms[0], {})
            expected = set().union(*map(_places, forms))
            for lang in ("ky", "ru"):
                text = given.get(lang)
                if not text:
                    problems.append(f"{source}: no {lang}: {forms[0]!r}")
                    continue
                texts = text if isinstance(text, list) else [text]
                if len(forms) > 1 and len(texts) != PLURAL_FORMS[lang]:
                    problems.append(f"{source}: {lang} needs {PLURAL_FORMS[lang]} plural forms: {forms[0]!r}")
                for one in texts:
                    if (_places(one) != expected) if len(forms) == 1 else not _places(one) <= expected:
                        problems.append(f"{source}: {lang} fills {sorted(_places(one))}, the message has "
                                        f"{sorted(expected)}: {forms[0]!r}")
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        sys.exit(check(Path(sys.argv[2]), [Path(arg) for arg in sys.argv[3:]]))
    sys.exit(merge([Path(arg) for arg in sys.argv[1:]]))
