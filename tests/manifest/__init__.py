"""Tests of munpress.manifest; a package, so its module names cannot clash with other folders."""
