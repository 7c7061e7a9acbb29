"""Models: ``Model``, ``Field``, ``Index``, ``Check`` and the table registry."""

from __future__ import annotations

from oxyde.models.base import Model, OxydeModel
from oxyde.models.constraints import Check, Index
from oxyde.models.field import Field, OxydeFieldInfo

__all__ = ["Check", "Field", "Index", "Model", "OxydeFieldInfo", "OxydeModel"]
