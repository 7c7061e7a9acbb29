"""Oxyde's module path for the models' snapshot (our code lives in ``_extract``)."""

from oxyde.migrations._extract import extract_current_schema

__all__ = ["extract_current_schema"]
