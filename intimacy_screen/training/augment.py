"""Gender-swapped copies of training texts (training only).

The corpus's writers did not spread genders evenly over the signs, so a model trained on it alone
learns that "girlfriend" or "she" makes some signs likelier. Training on every text both as written
and with its gendered words swapped (he / she, husband / wife, "(28F)" / "(28M)" ...) makes the
scores nearly the same whichever gender a text uses (see ``scripts/rewrite_eval.py``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from .data import LabelledText

_PAIRS = (
    ("he", "she"), ("him", "her"), ("himself", "herself"), ("husband", "wife"), ("husbands", "wives"),
    ("boyfriend", "girlfriend"), ("boyfriends", "girlfriends"), ("bf", "gf"), ("hubby", "wifey"),
    ("fiance", "fiancee"), ("man", "woman"), ("men", "women"), ("guy", "girl"), ("guys", "girls"),
    ("mum", "dad"), ("mom", "dad"), ("mother", "father"), ("sister", "brother"), ("sisters", "brothers"),
    ("son", "daughter"), ("sons", "daughters"), ("aunt", "uncle"), ("niece", "nephew"),
    ("grandma", "grandpa"), ("mr", "mrs"), ("king", "queen"), ("boys", "girls"),
)  # fmt: skip
_SWAP: dict[str, str] = {}
for _a, _b in _PAIRS:
    _SWAP.setdefault(_a, _b)
    _SWAP.setdefault(_b, _a)
_SWAP.update({"his": "her", "hers": "his", "dad": "mum"})
# "her" is "his" before a noun ("her phone") and "him" otherwise ("I hug her", "her and me").
_NOT_NOUN = frozenset(
    "and to that the a an about for with at in on up out off back again anymore too so because but or if "
    "when i he she we they you it this is was anything everything".split()
)
_WORD = re.compile(r"[A-Za-z]+|\b\d{1,2}[MFmf]\b|\b[MFmf]\d{1,2}\b")
_AGE_SEX = re.compile(r"\d{1,2}[mf]|[mf]\d{1,2}")
#: Suffix of the ids of swapped copies; the part before the last "-" (the writing brief) is kept, so a
#: copy always falls in its original's cross-validation fold.
SWAPPED_SUFFIX = "g"


def _cased(src: str, dst: str) -> str:
    if src.isupper() and len(src) > 1:
        return dst.upper()
    return dst[0].upper() + dst[1:] if src[0].isupper() else dst


def swap_gender(text: str) -> tuple[str, Callable[[int], int]]:
    """``text`` with its gendered words and age-sex tags swapped, and the map of its positions.

    Parameters
    ----------
    text : str
        A training text, or one to test the model's gender invariance on.

    Returns
    -------
    swapped : str
        The text with "he" / "she", "husband" / "wife", "(28F)" / "(28M)" and so on swapped, case kept.
    position : callable
        Maps a position in ``text`` that is not inside a swapped word to the same place in ``swapped``.
    """
    words = list(_WORD.finditer(text))
    out: list[str] = []
    ends: list[int] = []
    shifts: list[int] = []
    pos = shift = 0
    for i, m in enumerate(words):
        word, low = m.group(), m.group().lower()
        if low == "her":
            nxt = words[i + 1] if i + 1 < len(words) else None
            # Only spaces between: "her\n\nFour times" ends a sentence.
            noun = (
                nxt is not None and not text[m.end() : nxt.start()].strip(" ") and nxt.group().lower() not in _NOT_NOUN
            )
            new: str | None = "his" if noun else "him"
        elif _AGE_SEX.fullmatch(low):
            new = low.translate(str.maketrans("mf", "fm"))
        else:
            new = _SWAP.get(low)
        if new is None:
            continue
        new = _cased(word, new)
        out += [text[pos : m.start()], new]
        pos = m.end()
        shift += len(new) - len(word)
        ends.append(m.end())
        shifts.append(shift)
    out.append(text[pos:])

    def position(x: int) -> int:
        j = bisect.bisect_right(ends, x) - 1
        return x + (shifts[j] if j >= 0 else 0)

    return "".join(out), position


def gender_swapped(records: Sequence[LabelledText]) -> list[LabelledText]:
    """The swapped copy of every record that has gendered words (same labels, evidence moved).

    A copy's id is its original's plus :data:`SWAPPED_SUFFIX`, and a swapped twin of a contrastive
    pair points to the swapped copy of its sign text.
    """
    copies = []
    for rec in records:
        text, position = swap_gender(rec.text)
        if text == rec.text:
            continue
        evidence = {s: tuple((position(a), position(b)) for a, b in spans) for s, spans in rec.evidence.items()}
        twin = rec.twin_of + SWAPPED_SUFFIX if rec.twin_of else ""
        copies.append(replace(rec, id=rec.id + SWAPPED_SUFFIX, text=text, evidence=evidence, twin_of=twin))
    return copies
