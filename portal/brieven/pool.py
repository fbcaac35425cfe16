"""Letters are made in worker processes, never in the event loop, each within limits.

A letter is a Jinja template (a gemeente's own is text its functioneel beheerder typed) turned
into a PDF: CPU work that once froze the whole server for minutes on `{{ 'a' * 100000000 }}`.
Here each letter runs in one of a few worker processes (pebble's ProcessPool, which kills a worker
that overruns its time and starts a new one), with a cap on its memory, and the template itself
cannot build more than `MAX_UITVOER` characters. Whatever goes wrong in a template is a 422 on the
field that holds it, with the limit it broke, never a 500 and never a frozen portal.
"""

from __future__ import annotations

import asyncio
import atexit
import multiprocessing
import resource
import threading
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

import jinja2
import pebble
import typst

from portal.brieven.render import MAX_UITVOER, Brief, TeLang, render
from portal.problems import FieldError, unprocessable

TIJD_S = 10.0
"""Seconds one letter may take (the default ones take a few hundredths)."""
GEHEUGEN = 1024 * 1024 * 1024
"""Address space of a worker process: a template that needs more stops with MemoryError."""
WERKERS = 2

_pool: pebble.ProcessPool | None = None
_lock = threading.Lock()


def _beperk() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (GEHEUGEN, GEHEUGEN))


def _maak(soort: str, context: dict[str, Any], eigen: str | None) -> Brief | str:
    """In the worker: the letter, or why the template cannot make one (in Dutch)."""
    try:
        return render(soort, context, eigen)
    except TeLang:
        return f"de brief wordt langer dan de grens van {MAX_UITVOER:,} tekens".replace(",", ".")
    except MemoryError:
        return f"het sjabloon gebruikt meer dan de grens van {GEHEUGEN // 2**20} MB geheugen"
    except OverflowError:
        return "range() telt in een brief ten hoogste 100.000 stappen"
    except RecursionError:
        return "het sjabloon roept zichzelf te diep aan"
    except jinja2.TemplateSyntaxError as exc:
        return f"regel {exc.lineno}: {exc.message or 'ongeldige opmaak'}"
    except jinja2.UndefinedError as exc:
        return f"onbekend veld: {exc.message or 'onbekend'}"
    except jinja2.exceptions.SecurityError:
        return "het sjabloon gebruikt iets dat in een brief niet mag"
    except jinja2.TemplateError as exc:
        return exc.message or "ongeldig sjabloon"
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as exc:
        return f"het sjabloon rekent met iets dat niet kan ({type(exc).__name__})"
    except typst.TypstError as exc:  # the layout: e.g. a logo that is no drawing
        eerste = (getattr(exc, "message", "") or str(exc)).splitlines()[0][:200]
        return f"de brief kan niet worden opgemaakt: {eerste}"


def _werkers() -> pebble.ProcessPool:
    global _pool
    with _lock:
        if _pool is None or not _pool.active:
            _pool = pebble.ProcessPool(
                max_workers=WERKERS,
                initializer=_beperk,
                context=multiprocessing.get_context("spawn"),
            )
        return _pool


def stop() -> None:
    """Stop the workers (at exit; tests)."""
    global _pool
    with _lock:
        if _pool is not None:
            _pool.stop()  # type: ignore[no-untyped-call]
            _pool.join()
            _pool = None


atexit.register(stop)


async def opstellen(
    soort: str, context: dict[str, Any], eigen: str | None, *, veld: str = "inhoud"
) -> Brief:
    """The letter, made off the event loop; a 422 on `veld` when the template breaks a limit."""
    future = _werkers().schedule(_maak, args=(soort, context, eigen), timeout=TIJD_S)
    try:
        uitkomst = await asyncio.wrap_future(future)
    except FutureTimeout:
        reden = f"het opstellen duurt langer dan de grens van {TIJD_S:.0f} seconden"
    except pebble.ProcessExpired:
        reden = f"het sjabloon gebruikt meer dan de grens van {GEHEUGEN // 2**20} MB geheugen"
    else:
        if isinstance(uitkomst, Brief):
            return uitkomst
        reden = uitkomst
    raise unprocessable([FieldError(veld, reden)])
