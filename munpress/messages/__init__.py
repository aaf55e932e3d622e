"""gettext catalogs of munpress's messages: `<lang>/LC_MESSAGES/munpress.po` (see munpress.i18n)."""
