"""Text preparation: sentence spans, tokens and negation marks.

Everything here is pure Python with precompiled regular expressions, so screening needs
no NLTK data and no heavy import. The negation rule is NLTK's ``mark_negation`` rule
(same trigger words, same ``_NEG`` suffix), re-stated here because importing NLTK costs
over a second of cold start; ``tests/test_text.py`` checks that the two agree.
"""

from __future__ import annotations

import re
from importlib import resources

# A sentence ends at . ! ? or an ellipsis, optionally followed by closing quotes or brackets,
# when white space follows. Line breaks always end a sentence.
_END = re.compile(r"[.!?\u2026]+[\"'\u2019\u201d)\]]*(?=\s)")
_LINE = re.compile(r"[^\r\n]+")
_ABBREV = frozenset(
    "mr mrs ms dr st vs etc e.g i.e eg ie approx jr sr no prof mt ft lb lbs oz min max est dept".split()
)
_LAST_WORD = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_ALNUM = re.compile(r"\w")
# Run-on text with no punctuation is cut at commas/semicolons (or else every ~40 words),
# so that a long block does not hide its one telling clause.
_MAX_WORDS = 45
_SOFT_BREAK = re.compile(r"[,;:]\s+|\s+-\s+|\s+(?=(?:but|and then|so)\s)", re.IGNORECASE)

# Words, numbers and emoticons such as ":)" (clause punctuation is split off before tokenising).
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)*|[:;=]-?[()dp/\\]")
# NLTK's negation words; a token ending in "n't" negates too.
_NEGATION_WORDS = frozenset(
    "never no nothing nowhere noone none not havent hasnt hadnt cant couldnt shouldnt wont wouldnt dont doesnt "
    "didnt isnt arent aint".split()
)
# Words that end a negation's scope as punctuation would (NLTK stops only at punctuation;
# "I don't mind, but he never calls" must not mark "he never calls" as negated twice).
_SCOPE_BREAK = frozenset({"but", "because", "although", "though", "except", "until", "however"})
# Frames after which a clause is hypothetical or a worry rather than a described pattern.
_HYP_WORDS = frozenset({"might", "hypothetically", "hopefully", "eventually"})
_HYP_PAIRS = frozenset(
    {("what", "if"), ("worried", "that"), ("worry", "that"), ("scared", "that"), ("afraid", "that"),
     ("terrified", "that"), ("in", "case"), ("one", "day"), ("what", "happens"), ("even", "if"), ("i", "hope")}
)  # fmt: skip
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
# Tokens without which no negation or hypothetical scope can open (the fast path of tokens()).
_TRIGGERS = _NEGATION_WORDS | _HYP_WORDS | {second for _, second in _HYP_PAIRS}
_CLAUSE = re.compile(r"[.,;:!?]+(?=\s|$)|[\n\r]+")
# Contractions written without their apostrophe ("dont", "im", "hes"), common in forum and chat text.
# Only forms that are not also words are restored: "its", "ill", "were", "well", "lets" stay as written.
_BARE_CONTRACTION = re.compile(
    r"\b(?:(do|does|did|ca|could|wo|would|should|is|are|was|were|have|has|had|ai|must|need)nt"
    r"|(i)m|(i|you|we|they|could|would|should)ve|(you|they)re|(that|what|there|he|she|who)s)\b"
)


def restore_apostrophes(lowered: str) -> str:
    """Put the apostrophe back into bare contractions of lower-case text ("dont" -> "don't", "im" -> "i'm")."""
    return _BARE_CONTRACTION.sub(_with_apostrophe, lowered)


def _with_apostrophe(m: re.Match[str]) -> str:
    word = m.group(0)
    if m.group(1):
        return word[:-2] + "n't"
    for g, tail in ((2, "'m"), (3, "'ve"), (4, "'re"), (5, "'s")):
        if m.group(g):
            return m.group(g) + tail
    return word


# Given names (ours: a list of common ones, words such as "will" or "may" left out) are one word
# feature, NAME_TOKEN, and no character n-grams. A name says nothing of a sign, but the corpus's writers
# reused some in sign texts, so "I keep cancelling on <friend>" was tagged for some names and not others.
NAME_TOKEN = "<name>"
_NAMES = frozenset(
    (resources.files("intimacy_screen") / "data" / "given_names.txt").read_text(encoding="utf-8").split()
)
_NAME_HEAD = re.compile(r"[^a-z]*([a-z]+)")
_LETTERS = re.compile(r"[a-z]+")


def name_end(word: str) -> int:
    """End of a given name at the start of a lower-case word ("tom", "(tom's", "tom_NEG"), or 0."""
    m = _NAME_HEAD.match(word)
    return m.end() if m and m.group(1) in _NAMES else 0


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _split_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    piece = text[start:end]
    if len(piece.split()) <= _MAX_WORDS:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    cur = start
    for m in _SOFT_BREAK.finditer(piece):
        cut = start + m.end()
        if len(text[cur:cut].split()) >= 12 and len(text[cut:end].split()) >= 8:
            spans.append((cur, cut))
            cur = cut
    spans.append((cur, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:  # still too long (no commas at all): cut every ~40 words
        words = list(re.finditer(r"\S+", text[s:e]))
        if len(words) <= _MAX_WORDS:
            out.append((s, e))
            continue
        for i in range(0, len(words), 40):
            chunk = words[i : i + 40]
            out.append((s + chunk[0].start(), s + chunk[-1].end()))
    return [_trim(text, s, e) for s, e in out]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Split text into sentence-like spans.

    Made for forum and journal text: line breaks, lists, quoted reply lines (``> ...``),
    missing punctuation and run-on paragraphs are handled; common abbreviations do not
    end a sentence.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    list of (int, int)
        Character offsets ``(start, end)`` such that ``text[start:end]`` is a sentence with
        no surrounding white space. Spans without any letter or digit are left out.
    """
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        ls, le = line.start(), line.end()
        body = line.group()
        # Quoted reply lines keep their text but not the quote marker.
        stripped = body.lstrip()
        if stripped.startswith(">"):
            ls += len(body) - len(stripped) + len(stripped) - len(stripped.lstrip(">"))
        cur = ls
        for m in _END.finditer(text, ls, le):
            word = _LAST_WORD.search(text, max(cur, m.start() - 12), m.start() + 1)
            if word and m.group() == "." and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
            if word and m.group() == "." and len(word.group(1)) == 1 and word.group(1).isupper():
                continue  # an initial, as in "J. said"
            spans.append((cur, m.end()))
            cur = m.end()
        spans.append((cur, le))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        s, e = _trim(text, s, e)
        if e > s and _ALNUM.search(text, s, e):
            out.extend(_split_long(text, s, e))
    return out


def tokens(text: str, apostrophes: bool = True) -> list[str]:
    """Lower-case word tokens with negation and hypothetical marks.

    Words inside the scope of a negation ("never", "don't", ...) get the suffix ``_NEG``, as
    NLTK's ``mark_negation`` does; words after a hypothetical or worried frame ("what if",
    "scared that", "might", ...) get ``_HYP``. A scope ends at clause punctuation (a comma
    included) or a contrast word such as "but".

    Parameters
    ----------
    text : str
        One sentence (or any text).
    apostrophes : bool
        Restore the apostrophe of bare contractions first ("dont" -> "don't"; see
        :func:`restore_apostrophes`). Models made before version 0.7 do not.

    Returns
    -------
    list of str
        Tokens, e.g. ``["he", "never", "talks_NEG", "to_NEG", "me_NEG"]``.
    """
    out: list[str] = []
    lowered = text.lower().translate(_QUOTES)
    if apostrophes:
        lowered = restore_apostrophes(lowered)
    # Clause punctuation is not a token but it ends a scope. Unlike NLTK, a comma ends it too:
    # "I don't know, he never hugs me" must not mark "he never hugs me".
    for clause in _CLAUSE.split(lowered):
        toks = _TOKEN.findall(clause)
        if "n't" not in clause and _TRIGGERS.isdisjoint(toks):
            out.extend(toks)  # no scope can open in this clause
            continue
        neg = hyp = False
        prev = ""
        for tok in toks:
            if tok in _NEGATION_WORDS or tok.endswith("n't"):
                neg = True
                out.append(tok)
            elif tok in _SCOPE_BREAK:
                neg = hyp = False
                out.append(tok)
            elif neg:
                out.append(tok + "_NEG")
            elif hyp:
                out.append(tok + "_HYP")
            else:
                out.append(tok)
                hyp = tok in _HYP_WORDS or (prev, tok) in _HYP_PAIRS
            prev = tok
    return out


def word_features(text: str, names: bool = True, apostrophes: bool = True) -> list[str]:
    """Word unigrams, bigrams and trigrams of :func:`tokens`, the analyzer of the word vectoriser.

    Parameters
    ----------
    text : str
        One sentence.
    names : bool
        Replace given names by :data:`NAME_TOKEN` (models made before version 0.5 do not).
    apostrophes : bool
        Restore bare contractions (models made before version 0.7 do not).

    Returns
    -------
    list of str
        Unigrams, then space-joined bigrams, then trigrams.
    """
    toks = tokens(text, apostrophes)
    if names and not _NAMES.isdisjoint(_LETTERS.findall(text.lower())):  # most sentences name no one
        toks = [NAME_TOKEN + t[e:] if (e := name_end(t)) else t for t in toks]
    bigrams = [f"{a} {b}" for a, b in zip(toks, toks[1:])]
    return toks + bigrams + [f"{ab} {c}" for ab, c in zip(bigrams, toks[2:])]


def word_char_grams(word: str) -> list[str]:
    """Character 3- to 5-grams of one lower-case word, padded with a space on each side."""
    w = f" {word} "
    n_w = len(w)
    return [w[i : i + n] for n in (3, 4, 5) for i in range(n_w - n + 1)]


def char_words(text: str, names: bool = True, apostrophes: bool = True) -> list[str]:
    """The lower-case, white-space separated words that :func:`char_features` works on.

    With ``names``, given names (and words starting with one, such as "tom's") are left out. With
    ``apostrophes``, bare contractions get their apostrophe back, as in :func:`tokens`.
    """
    lowered = text.lower().translate(_QUOTES)
    words = (restore_apostrophes(lowered) if apostrophes else lowered).split()
    return [w for w in words if not name_end(w)] if names else words


def char_features(text: str) -> list[str]:
    """Character 3- to 5-grams within word boundaries, the analyzer of the char vectoriser.

    Parameters
    ----------
    text : str
        One sentence.

    Returns
    -------
    list of str
        Character n-grams of each space-padded lower-case word.
    """
    return [g for word in char_words(text) for g in word_char_grams(word)]
