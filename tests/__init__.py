"""The test suite: a package, so that `tests` here is never another distribution's `tests` (umsc installs one)."""
