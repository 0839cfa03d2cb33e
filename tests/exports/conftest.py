from tests.imports.conftest import terms  # noqa: F401  (the same reference terms)
