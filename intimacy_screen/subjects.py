"""Who shows a sign: ``self`` / ``partner`` / ``other``, from the evidence sentences.

Rules find the person references in the evidence (I, we, you, "my husband", "your
boyfriend", "my sister", he/she resolved to the last person named, age tags), which one
acts first once frames such as "I feel like" or "when I ..." are skipped, who does what the
sign model weighed most in the sentence (the "actor"), who holds a fear or belief ("he is
convinced I will leave": the "feeler"), and whether the text is a reply to someone. A small
logistic model per subject, trained on the corpus's labelled evidence, weighs those cues per
sign (see :func:`subject_features`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from .signs import SUBJECT_IDS

_PARTNER_NOUNS = (
    r"husband|hubby|wife|wifey|partner|spouse|boyfriend|girlfriend|bf|gf|fianc[eé]e?|so|ex|ex-?husband|"
    r"ex-?wife|ex-?boyfriend|ex-?girlfriend|man|girl|guy|lover|date|bae|boo|significant other|other half|"
    r"datemate|enby partner|nesting partner|meta"
)
_OTHER_NOUNS = (
    r"friends?|best ?friend|bestie|mom|mum|mother|dad|father|parents?|sister|brother|siblings?|son|daughter|"
    r"kids?|family|cousin|aunt|uncle|grandma|grandpa|roommate|flatmate|coworker|colleague|boss|therapist|"
    r"in-?laws?|mil|fil|sil|bil|mates?|best ?mate|pal|buddy|bro|sis|nephew|niece|grandson|granddaughter|"
    r"grandad|granddad|grandmother|grandfather|nan|nana|neighbou?r|housemate|teammate|classmate|"
    r"(?:brother|sister|mother|father|son|daughter)-in-law|step(?:mum|mom|dad|son|daughter|sister|brother)"
)
_NAMED_PATTERN = (
    rf"\b(?P<my_partner>my (?:(?:ex|current|new|late|future) )?(?:{_PARTNER_NOUNS}))\b"
    rf"|\b(?P<my_other>my (?:{_OTHER_NOUNS}))\b"
    rf"|\b(?P<your_partner>your (?:{_PARTNER_NOUNS}))\b"
    rf"|\b(?P<your_other>your (?:{_OTHER_NOUNS}))\b"
)
# "my sister's husband", "Jonno's girlfriend", "a friend's wife": someone else's partner. Only unambiguous
# partner words ("it's so hard", "it's date night" are not possessives). Tried before the other references,
# but only in texts that have such a phrase (_POSSESSIVE_HINT): the leading word costs a try at every word,
# and such texts are few.
_THEIR_NOUNS = (
    r"husband|hubby|wife|wifey|partner|spouse|boyfriend|girlfriend|bf|gf|fianc[eé]e?|ex-?husband|ex-?wife|"
    r"ex-?boyfriend|ex-?girlfriend|significant other|other half"
)
_THEIRS = rf"\b(?P<their_partner>(?:(?:my|your|a|her|his|their) )?\w++['\u2019]s (?:(?:ex|new) )?(?:{_THEIR_NOUNS}))\b|"
_POSSESSIVE_HINT = re.compile(rf"\w['\u2019]s (?:(?:ex|new) )?(?:{_THEIR_NOUNS})\b", re.IGNORECASE)
_OTHER_REFS = (
    r"|\b(?P<tag>\(?\d{2} ?[mf]\)?|[mf] ?\d{2})\b"
    r"|\b(?P<we>we|we're|we've|we'd|us|our|ourselves|both of us)\b"
    r"|\b(?P<you>you|you're|you've|you'd|yourself|ur)\b"
    r"|\b(?P<i>i|i'm|im|i've|ive|i'd|i'll)\b"
    r"|\b(?P<me>me|myself|my|mine)\b"
    r"|\b(?P<third>he|he's|hes|him|his|himself|she|she's|shes|her|herself|they|they're|them|their)\b"
)
_REF = re.compile(_NAMED_PATTERN + _OTHER_REFS, re.IGNORECASE)
_REF_THEIRS = re.compile(_THEIRS + _NAMED_PATTERN + _OTHER_REFS, re.IGNORECASE)
# The named references of _REF alone: the same matches, found by a much cheaper scan.
_NAMED = re.compile(_NAMED_PATTERN, re.IGNORECASE)
_NAMED_THEIRS = re.compile(_THEIRS + _NAMED_PATTERN, re.IGNORECASE)
_MY_PARTNER = re.compile(rf"\bmy (?:{_PARTNER_NOUNS})\b")
_MY_OTHER = re.compile(rf"\bmy (?:{_OTHER_NOUNS})\b")
# "I feel like he ...", "I noticed she ...": the writer reports, the other person acts.
_FRAME = re.compile(
    r"^\s*(?:and |but |so |honestly |tbh |i mean )?(?:i|im|i'm)\s+(?:\w+ly\s+)?(?:feel like|feel that|think|thought|"
    r"guess|know|noticed|notice|realis|realiz|swear|get the feeling|just feel like|have noticed|suspect|"
    r"can tell|can see|find that|feel as if|am sure|'m sure|m sure|wonder if|worry that|am worried that)",
    re.IGNORECASE,
)
_DONE_TO = (
    r"(?:rejected|turned down|blamed|ignored|shut out|pushed away|brushed off|left on (?:read|seen)|ghosted|"
    r"critici[sz]ed|dismissed|accused|shot down|pushed off)\b"
)
# The writer on the receiving end ("I was rejected", "I'm always the one at fault", "blames me"):
# the sign then belongs to whoever does it to them, not to the first "I" of the sentence.
_PATIENT = re.compile(
    rf"\b(?:i'm|im|i am|i was|i've been|ive been|i get|i got|i keep getting|i always get)\s+(?:\w+\s+){{0,2}}?{_DONE_TO}"
    rf"|\bi\s+(?:\w+\s+){{0,3}}?(?:am|was|get|got|keep getting|been|being)\s+(?:\w+ly\s+)?{_DONE_TO}"
    r"|\bthe one (?:who(?:'s| is)? |that(?:'s| is)? )?(?:always )?(?:at fault|to blame|in the wrong|wrong)\b"
    r"|\b(?:my fault|turned (?:back )?on me|against me)\b"
    r"|\b(?:something|everything|anything) (?:that )?(?:i'm|im|i am|i) (?:doing|do|did|say|said) (?:is )?wrong\b"
    r"|\b(?:something|everything) wrong (?:that )?(?:i'm|im|i am|i) (?:doing|do|did|say|said)\b"
    r"|\bnothing i (?:do|say) is (?:ever )?(?:right|good enough|enough)\b"
    r"|\b(?:rejects?|rejected|ignores?|ignored|blames?|blamed|dismiss(?:es|ed)?|accuses?|accused|"
    r"turns? down|turned down|pushes|pushed|shuts?|brushes|brushed) me\b",
    re.IGNORECASE,
)
# References that can be the one who acts (subject case), as against "me", "our", "him".
_NOMINATIVE = frozenset(
    "i i'm im i've ive i'd i'll we we're we've we'd you you're you've you'd he he's hes she she's shes "
    "they they're".split()
)
# Words of fearing and believing: who says them is who holds the fear ("he's convinced I'll leave").
_FEEL = re.compile(
    r"\b(?:convinced|sure|certain|afraid|scared|terrified|frightened|worried|worries|anxious|paranoid|insecure|"
    r"thinks?|thought|assumes?|assumed|believes?|expects?|feels?|felt|panics?|panicked|dreads?)\b",
    re.IGNORECASE,
)
# Quoted speech: its words are said, not done.
_QUOTED = re.compile(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"")
# "When I try to talk, he ...": the when-clause names who reaches out, not who avoids.
_WHEN = re.compile(r"^\s*(?:and |but |so )?(?:when(?:ever)?|every ?time|any ?time|each time|if)\b", re.IGNORECASE)


def _is_reply(text: str) -> bool:
    low = text.lower()
    you = len(re.findall(r"\byou(?:r|'re|ve)?\b", low))
    me = len(re.findall(r"\b(?:i|my|me|i'm|im)\b", low))
    return bool(re.search(rf"\byour (?:{_PARTNER_NOUNS})\b", low)) and you >= me / 2 or you > me


class _Mentions:
    """Where a text names a partner or someone else, to resolve he/she/they quickly."""

    def __init__(self, text: str, reply: bool) -> None:
        self.reply = reply
        low = text.lower()
        self.my_partner = bool(_MY_PARTNER.search(low))
        self.my_other = bool(_MY_OTHER.search(low))
        self.positions: list[int] = []
        self.kinds: list[str] = []
        self.theirs = _POSSESSIVE_HINT.search(text) is not None
        for m in (_NAMED_THEIRS if self.theirs else _NAMED).finditer(text):
            self.positions.append(m.start())
            self.kinds.append("partner" if m.lastgroup == "my_partner" else "other")

    def before(self, pos: int) -> str:
        """Who he/she/they at ``pos`` most likely refers to: the last person named before it."""
        i = bisect_left(self.positions, pos)
        if i == 0:
            return "other" if self.reply else "partner"
        return self.kinds[i - 1]


@lru_cache(maxsize=64)
def _text_mentions(text: str) -> _Mentions:
    """The mentions of a text, computed once for all its signs (texts repeat within a screening)."""
    return _Mentions(text, _is_reply(text))


REF_TYPES = (
    "i", "me", "we", "you", "you_generic", "my_partner", "my_other", "your_partner", "your_other",
    "third_partner", "third_other",
)  # fmt: skip
_N_SIGNS = 10
_PER_SIGN = ("i", "me", "we", "third_partner", "third_other", "you", "my_partner", "my_other")
#: Names of the subject model's features, in column order.
FEATURE_NAMES: tuple[str, ...] = (
    tuple(f"{g}:{r}" for g in ("first", "raw_first", "any", "last", "count") for r in REF_TYPES)
    + ("reply", "text_my_partner", "text_my_other", "self_patient")
    + tuple(f"sign{k}" for k in range(_N_SIGNS))
    + tuple(f"sign{k}:self_patient" for k in range(_N_SIGNS))
    + tuple(f"sign{k}:first:{r}" for k in range(_N_SIGNS) for r in REF_TYPES)
    + tuple(f"sign{k}:any:{r}" for k in range(_N_SIGNS) for r in _PER_SIGN)
    + tuple(f"actor:{r}" for r in REF_TYPES)
    + tuple(f"sign{k}:actor:{r}" for k in range(_N_SIGNS) for r in _PER_SIGN)
    + tuple(f"feeler:{r}" for r in REF_TYPES)
    + tuple(f"sign{k}:feeler:{r}" for k in range(_N_SIGNS) for r in _PER_SIGN)
)
_COLUMN = {name: j for j, name in enumerate(FEATURE_NAMES)}
N_SUBJECT_FEATURES = len(FEATURE_NAMES)
#: Width of the subject model before the "actor" features (version 0.2): those models still load.
N_SUBJECT_FEATURES_0_2 = _COLUMN["actor:i"]


def _ref_type(g: str, pos: int, mentions: _Mentions) -> str:
    """The reference type of a match of group ``g`` at ``pos`` (he/she resolved, "you" read)."""
    if g == "third":
        return "third_" + mentions.before(pos)
    if g == "their_partner":
        return "my_other"
    if g == "you" and not mentions.reply:
        return "you_generic"  # "you know how it is", or a letter to the partner
    return g


def _refs(text: str, start: int, end: int, mentions: _Mentions) -> list[tuple[int, int, str, bool]]:
    """The person references in ``text[start:end]``: start and end in it, type, and whether it can act."""
    return [
        (
            m.start(),
            m.end(),
            _ref_type(g, start + m.start(), mentions),
            g.startswith(("my_", "your_", "their_")) or m.group().lower() in _NOMINATIVE,
        )
        for m in (_REF_THEIRS if mentions.theirs else _REF).finditer(text[start:end])
        if (g := m.lastgroup or "") != "tag"
    ]


def _ref_types(sent: str, refs: list[tuple[int, int, str, bool]]) -> tuple[list[str], int]:
    """Reference types of a sentence in order (``refs`` from :func:`_refs`), and how many a frame clause skips."""
    out = [r for _, _, r, _ in refs]
    where = [p for p, _, _, _ in refs]
    doer = [d for _, _, _, d in refs]
    skip = 0
    when = _WHEN.match(sent) is not None
    comma = sent.find(",") if when else -1
    clause = sum(w < comma for w in where) if comma > 0 else 0
    if 0 < clause < len(out) and all(r in ("i", "me", "we") for r in out[:clause]):
        # "Every time I bring up our future, my boyfriend ...": the writer's when-clause is skipped whole.
        skip = clause
    elif len(out) > 1 and (when or _FRAME.match(sent)):
        first = out[0]
        while skip < len(out) - 1 and out[skip] in (first, "me"):
            skip += 1
        if when:
            # "Every time he brings up our future I change the subject": the main clause's subject is
            # the first one who can act (not "our", "me", "him") after the when-clause's own.
            skip = next((k for k in range(1, len(out)) if doer[k] and out[k] != first), skip)
    return out, skip


def _actor_stop(sent: str, terms: Sequence[str]) -> int:
    """Where what the sign model weighed most starts in ``sent``, or -1.

    That is the first of ``terms`` of two words or more found outside quotes. Whoever can act last
    before it is the actor: in "Every time he brings up our future I change the subject" the weighty
    words are "change the subject", and "I" does it.
    """
    low = sent.replace("\u2019", "'")  # same length as the sentence, so positions carry over
    quoted = [q.span() for q in _QUOTED.finditer(low)]
    for term in terms:
        words = term.lower().split()
        if len(words) < 2:
            continue  # one word ("asked", "really") says too little of what is done
        for m in re.finditer(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", low, re.IGNORECASE):
            if not any(a <= m.start() < b for a, b in quoted):
                # "i never ...": the term's own first word may be the one who acts.
                return m.start() + (len(words[0]) if words[0] in _NOMINATIVE else 0)
    return -1


def _last_doer(refs: list[tuple[int, int, str, bool]], stop: int) -> str | None:
    """The type of the last reference ending by position ``stop`` that can act ("I", not "me"), or None."""
    return next((r for _, e, r, doer in reversed(refs) if doer and e <= stop), None)


def subject_features(
    text: str,
    spans: Sequence[tuple[int, int]],
    sign_index: int,
    reply: bool | None = None,
    terms: Sequence[Sequence[str]] | None = None,
) -> np.ndarray:
    """Cue features of the evidence of one sign, for the subject model.

    Parameters
    ----------
    text : str
        The whole text.
    spans : sequence of (int, int)
        The evidence sentences, strongest first (the first one that names anyone weighs most).
    sign_index : int
        Position of the sign in :data:`intimacy_screen.SIGN_IDS`.
    reply : bool, optional
        Whether the text is a reply (guessed when None).
    terms : sequence of sequence of str, optional
        For each span, the terms that weighed most for the sign (:attr:`Evidence.terms`); without
        them the actor features stay zero.

    Returns
    -------
    numpy.ndarray
        :data:`N_SUBJECT_FEATURES` values, named by :data:`FEATURE_NAMES`.
    """
    mentions = _text_mentions(text) if reply is None else _Mentions(text, reply)
    f = np.zeros(N_SUBJECT_FEATURES)
    # The lead sentence is the strongest one that names anyone: a top sentence such as "Did it again."
    # or a title says nothing of who acts, and the next one usually does.
    span_refs = [_refs(text, s, e, mentions) for s, e in spans]
    found = [_ref_types(text[s:e], r) for (s, e), r in zip(spans, span_refs)]
    lead = next((i for i, (r, _) in enumerate(found) if r), 0)
    refs, skip = found[lead] if found else ([], 0)
    seen = {r for rs, _ in found for r in rs}
    patient = _PATIENT.search(text, spans[lead][0], spans[lead][1]) if spans else None
    if patient and refs and refs[skip] in ("i", "me") and not any(r.startswith("third") for r in refs):
        # "I initiated and was rejected": the unnamed one who rejects acts first.
        refs = refs[:skip] + ["third_" + mentions.before(patient.start())] + refs[skip:]
    if refs:
        f[_COLUMN[f"first:{refs[skip]}"]] = 1.0
        f[_COLUMN[f"raw_first:{refs[0]}"]] = 1.0
        f[_COLUMN[f"last:{refs[-1]}"]] = 1.0
        f[_COLUMN[f"sign{sign_index}:first:{refs[skip]}"]] = 1.0
    for r in seen:
        f[_COLUMN[f"any:{r}"]] = 1.0
        if r in _PER_SIGN:
            f[_COLUMN[f"sign{sign_index}:any:{r}"]] = 1.0
    for r in refs:
        f[_COLUMN[f"count:{r}"]] += 0.5
    f[_COLUMN["reply"]] = float(mentions.reply)
    f[_COLUMN["text_my_partner"]] = float(mentions.my_partner)
    f[_COLUMN["text_my_other"]] = float(mentions.my_other)
    f[_COLUMN[f"sign{sign_index}"]] = 1.0
    if patient:
        f[_COLUMN["self_patient"]] = 1.0
        f[_COLUMN[f"sign{sign_index}:self_patient"]] = 1.0
    stops = (_actor_stop(text[s:e], t) for (s, e), t in zip(spans, terms or ()))
    actor = next((a for r, stop in zip(span_refs, stops) if (a := _last_doer(r, stop)) is not None), None)
    feel = _FEEL.search(text, *spans[lead]) if spans else None
    feeler = _last_doer(span_refs[lead], feel.start() - spans[lead][0]) if feel else None
    for role, who in (("actor", actor), ("feeler", feeler)):
        if who is not None:
            f[_COLUMN[f"{role}:{who}"]] = 1.0
            if who in _PER_SIGN:
                f[_COLUMN[f"sign{sign_index}:{role}:{who}"]] = 1.0
    return f


#: A second subject is added only when its logit clears this margin (chosen by cross-validation).
SECOND_SUBJECT_MARGIN = 0.5


def resolve_subjects(
    text: str,
    spans: Sequence[tuple[int, int]],
    sign_index: int,
    coef: np.ndarray,
    intercept: np.ndarray,
    terms: Sequence[Sequence[str]] | None = None,
) -> tuple[str, ...]:
    """Who shows a sign, from its evidence sentences.

    Parameters
    ----------
    text : str
        The whole text.
    spans : sequence of (int, int)
        The evidence sentences, strongest first.
    sign_index : int
        Position of the sign in :data:`intimacy_screen.SIGN_IDS`.
    coef, intercept : numpy.ndarray
        The subject model, shapes ``(3, N_SUBJECT_FEATURES)`` and ``(3,)``.
    terms : sequence of sequence of str, optional
        For each span, the terms that weighed most for the sign.

    Returns
    -------
    tuple of str
        Subjects in the order ``self``, ``partner``, ``other``; never empty.
    """
    return pick_subjects(coef @ subject_features(text, spans, sign_index, terms=terms) + intercept)


def pick_subjects(z: np.ndarray) -> tuple[str, ...]:
    """Subjects from the three logits: the most likely one, plus any other clearly above even odds."""
    best = int(np.argmax(z))
    return tuple(s for j, s in enumerate(SUBJECT_IDS) if j == best or z[j] >= SECOND_SUBJECT_MARGIN)
