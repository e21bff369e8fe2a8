"""Faster pickling for the slotted dataclasses that cross process boundaries."""

from __future__ import annotations

from typing import Any


class PickleByFields:
    """Mixin: pickled as a call of the class with its fields, in order.

    By default a slotted dataclass is pickled through `__getstate__`/`__setstate__`, which
    call `dataclasses.fields()` for every object. Parallel runs send every document, finding
    and table row from the workers to the driver (hundreds of thousands of small objects for
    the 2,225 BBC files); pickled this way, both ends take about half the time. A subclass
    must take all its fields, in order, as positional arguments (no `init=False` field), and
    must not inherit fields from another dataclass.
    """

    __slots__ = ()

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        slots: tuple[str, ...] = self.__slots__
        return type(self), tuple([getattr(self, name) for name in slots])
