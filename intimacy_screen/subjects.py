"""Who shows a sign: resolve ``self`` / ``partner`` / ``other`` from the evidence sentences.

A small rule system: it finds the first person reference that acts in each evidence
sentence (skipping "I feel like", "when I ..." and similar frames), resolves he/she/they
to the last partner or other person named, and reads forum replies ("your husband ...")
as being about someone else.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PARTNER_NOUNS = (
    r"husband|hubby|wife|wifey|partner|spouse|boyfriend|girlfriend|bf|gf|fianc[eé]e?|so|ex|ex-?husband|"
    r"ex-?wife|ex-?boyfriend|ex-?girlfriend|man|girl|guy|lover|date|bae|boo|significant other|other half|"
    r"datemate|enby partner|nesting partner|meta"
)
_OTHER_NOUNS = (
    r"friends?|best ?friend|bestie|mom|mum|mother|dad|father|parents?|sister|brother|siblings?|son|daughter|"
    r"kids?|family|cousin|aunt|uncle|grandma|grandpa|roommate|flatmate|coworker|colleague|boss|therapist|"
    r"in-?laws?|mil|fil|sil|bil"
)
_REF = re.compile(
    rf"\b(?P<my_partner>my (?:(?:ex|current|new|late|future) )?(?:{_PARTNER_NOUNS}))\b"
    rf"|\b(?P<my_other>my (?:{_OTHER_NOUNS}))\b"
    rf"|\b(?P<your_partner>your (?:{_PARTNER_NOUNS}))\b"
    rf"|\b(?P<your_other>your (?:{_OTHER_NOUNS}))\b"
    r"|\b(?P<tag>\(?\d{2} ?[mf]\)?|[mf] ?\d{2})\b"
    r"|\b(?P<we>we|we're|we've|we'd|us|our|ourselves|both of us)\b"
    r"|\b(?P<you>you|you're|you've|you'd|yourself|ur)\b"
    r"|\b(?P<i>i|i'm|im|i've|ive|i'd|i'll|me|myself|my)\b"
    r"|\b(?P<third>he|he's|hes|him|his|himself|she|she's|shes|her|herself|they|they're|them|their)\b",
    re.IGNORECASE,
)
# "I feel like he ...", "I noticed she ...": the writer reports, the other person acts.
_FRAME = re.compile(
    r"^\s*(?:and |but |so |honestly |tbh |i mean )?(?:i|im|i'm)\s+(?:\w+ly\s+)?(?:feel like|feel that|think|thought|"
    r"guess|know|noticed|notice|realis|realiz|swear|get the feeling|just feel like|have noticed|suspect|"
    r"can tell|can see|find that|feel as if|am sure|'m sure|m sure|wonder if|worry that|am worried that)",
    re.IGNORECASE,
)
# "When I try to talk, he ...": the when-clause names who reaches out, not who avoids.
_WHEN = re.compile(r"^\s*(?:and |but |so )?(?:when(?:ever)?|every ?time|any ?time|each time|if)\b", re.IGNORECASE)


def _kind(m: re.Match[str], reply: bool) -> set[str]:
    g = m.lastgroup
    if g == "my_partner":
        return {"partner"}
    if g in ("my_other", "your_partner", "your_other"):
        return {"other"}
    if g == "we":
        return {"self", "partner"}
    if g == "you":
        return {"other"} if reply else {"partner"}
    if g == "i":
        return {"self"}
    return set()  # age tags alone do not decide


def _is_reply(text: str) -> bool:
    low = text.lower()
    you = len(re.findall(r"\byou(?:r|'re|ve)?\b", low))
    me = len(re.findall(r"\b(?:i|my|me|i'm|im)\b", low))
    return bool(re.search(rf"\byour (?:{_PARTNER_NOUNS})\b", low)) and you >= me / 2 or you > me


def _third_person_before(text: str, pos: int, reply: bool) -> str:
    """Who he/she/they most likely refers to, from the last person named before ``pos``."""
    last = "other" if reply else "partner"
    for m in _REF.finditer(text, 0, pos):
        if m.lastgroup in ("my_partner",):
            last = "partner"
        elif m.lastgroup in ("my_other", "your_partner", "your_other"):
            last = "other"
    return last


def sentence_subjects(text: str, start: int, end: int, reply: bool | None = None) -> set[str]:
    """Who acts in the sentence ``text[start:end]``.

    Parameters
    ----------
    text : str
        The whole text (earlier sentences resolve pronouns).
    start, end : int
        The sentence's offsets.
    reply : bool, optional
        Whether the text is a reply to someone (guessed from the text when None).

    Returns
    -------
    set of str
        A subset of ``{"self", "partner", "other"}``; never empty.
    """
    if reply is None:
        reply = _is_reply(text)
    sent = text[start:end]
    refs = list(_REF.finditer(sent))
    skip = 0
    if refs and refs[0].lastgroup == "i" and (_FRAME.match(sent) or _WHEN.match(sent)) and len(refs) > 1:
        skip = 1
        # skip every reference of the framing clause's own subject ("when I try and I ask ...")
        while skip < len(refs) - 1 and refs[skip].lastgroup == "i":
            skip += 1
    elif refs and _WHEN.match(sent) and len(refs) > 1:
        skip = 1
    for m in refs[skip:]:
        if m.lastgroup == "tag":
            continue
        if m.lastgroup == "third":
            return {_third_person_before(text, start + m.start(), reply)}
        kind = _kind(m, reply)
        if kind:
            # "my boyfriend and I" / "him and me": both
            rest = sent[m.end() : m.end() + 12].lower()
            if kind == {"partner"} and re.match(r"\s+and (?:i|me)\b", rest):
                return {"self", "partner"}
            return kind
    return {"other"} if reply else {"self"}


def resolve_subjects(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, ...]:
    """Who shows a sign, from its evidence sentences.

    Parameters
    ----------
    text : str
        The whole text.
    spans : sequence of (int, int)
        The evidence sentences, strongest first.

    Returns
    -------
    tuple of str
        Subjects in the order ``self``, ``partner``, ``other``.
    """
    reply = _is_reply(text)
    found: set[str] = set()
    for i, (s, e) in enumerate(spans):
        subs = sentence_subjects(text, s, e, reply)
        # weaker evidence only adds a subject when the strongest sentence left it unclear
        if i == 0 or not found:
            found |= subs
    return tuple(s for s in ("self", "partner", "other") if s in found)
