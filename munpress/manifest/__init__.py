"""The input contract: `munpress.toml` (the magazine) and `issues/<N>/issue.toml` (one issue).

`load_manifest` is the pipeline's first stage; everything downstream sees the frozen
dataclasses of `schema`, never raw TOML. The contract for editors is docs/manifest.md.
"""

from munpress.manifest.load import (
    STYLE_ROLES,
    TRIMS,
    find_root,
    issue_names,
    load_magazine,
    load_manifest,
)
from munpress.manifest.schema import (
    ANY_LANGUAGE,
    ENTRY_KINDS,
    ArticleEntry,
    Contacts,
    FontRoles,
    IssueManifest,
    LayoutSettings,
    Localized,
    Magazine,
    Manifest,
    Margins,
    MastheadEntry,
    Section,
)

__all__ = [
    "ANY_LANGUAGE", "ENTRY_KINDS", "STYLE_ROLES", "TRIMS",
    "ArticleEntry", "Contacts", "FontRoles", "IssueManifest", "LayoutSettings", "Localized",
    "Magazine", "Manifest", "Margins", "MastheadEntry", "Section",
    "find_root", "issue_names", "load_magazine", "load_manifest",
]
