"""Tests of munpress.readers; a package, so its module names cannot clash with other folders."""
