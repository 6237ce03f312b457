"""A curated cue lexicon per sign, used as features beside the n-grams.

Each sign has phrase patterns written for this project. A sentence yields the token
``cue:<sign>`` for a plain match, or ``cueneg:<sign>`` when a negation or denial stands just
before the match ("I'm *not* pushing her away"), plus scope tokens for hypotheticals,
questions and pattern words ("always", "for months"). The model learns how much each weighs.
"""

from __future__ import annotations

import re

_PARTNER = (
    r"(?:he|she|they|him|her|them|my (?:husband|wife|partner|bf|gf|boyfriend|girlfriend|fianc[eé]e?|spouse|so|ex))"
)

_CUES: dict[str, list[str]] = {
    "avoids_deep_talk": [
        r"(?:change[sd]?|changing) the (?:subject|topic)",
        r"(?:won'?t|doesn'?t|don'?t|never|refuses? to|can'?t) (?:\w+ ){0,2}(?:talk|open up|discuss|communicate) (?:about|with)",
        r"(?:shuts?|shutting|clam(?:s|med)?) (?:down|up)",
        r"stonewall",
        r"(?:jokes?|laughs?|brush(?:es)?) (?:it |things )?(?:off|away)",
        r"(?:only|just) (?:ever )?talk about (?:logistics|bills|the kids|chores|work|schedules|plans|surface)",
        r"(?:small talk|surface[- ]level)",
        r"(?:i|we) (?:can'?t|never) have (?:a )?(?:serious|real|deep|meaningful) (?:talk|conversation)",
        r"don'?t want to talk about it",
        r"(?:avoids?|avoiding|dodges?|dodging|deflects?|deflecting) (?:\w+ ){0,2}(?:conversation|talk|topic|question|subject)",
        r"(?:walks?|walked|leaves|left) the room",
        r"silent treatment",
    ],
    "withholds_affection": [
        r"(?:no|zero|lack of|withholds?|withholding) (?:\w+ )?(?:affection|physical touch|cuddl\w*|hugs?|kiss\w*)",
        r"(?:doesn'?t|don'?t|won'?t|never|stopped|hasn'?t|refuses? to) (?:\w+ ){0,2}(?:hug|hugged|kiss|kissed|cuddle|cuddled|touch|touched|hold my hand|held my hand|say i love you|said i love you)",
        r"(?:pulls?|pulled|flinch\w*|stiffen\w*|tense[sd]? up|goes stiff|recoil\w*) (?:\w+ ){0,2}(?:away|when i (?:touch|hug|kiss))",
        r"(?:hasn'?t|haven'?t) (?:said|heard) (?:\"|')?i love you",
        r"(?:not|isn'?t) (?:very |at all )?(?:affectionate|cuddly|touchy)",
        r"(?:doesn'?t|won'?t|never) (?:say|said|tell|tells) (?:me )?(?:he|she|they)? ?loves? me",
    ],
    "hides_in_distractions": [
        r"(?:always|constantly|all (?:day|night|evening|the time)|every (?:night|evening|day)) (?:on|glued to|playing|scrolling|gaming|at work|working)",
        r"(?:glued|addicted) to (?:his|her|their|my) (?:phone|screen|games?|xbox|playstation|switch|computer|laptop|work)",
        r"(?:video ?games?|gaming|fortnite|playstation|xbox|tiktok|instagram|youtube|netflix|reddit|twitch)",
        r"(?:workaholic|works? (?:late|all the time|every weekend|\d+ hours)|lives? at (?:the office|work))",
        r"(?:scroll\w*|on (?:his|her|their|my) phone)",
        r"(?:headphones|tv on|in (?:his|her|their) (?:man cave|office|room) (?:all|every))",
        r"(?:busy|busier) (?:with )?(?:\w+ ){0,2}(?:to|for) (?:me|us|spend time)",
        r"(?:never|no) (?:has )?time for (?:me|us)",
    ],
    "emotional_distance": [
        r"(?:like |feel like |basically )?(?:room ?mates|strangers|ships passing|co-?parents only)",
        r"(?:distant|cold|detached|indifferent|checked out|emotionally (?:unavailable|absent|checked out)|shut off|closed off|numb)",
        r"(?:lost|losing|no) interest in (?:me|us|my|our|the relationship)",
        r"(?:doesn'?t|don'?t|never|stopped|won'?t) (?:\w+ ){0,2}(?:care|ask(?:s|ed)? (?:about|how)|show (?:any )?interest|notice|listen)",
        r"(?:doesn'?t|don'?t) (?:feel|seem) (?:anything|connected|close|to care)",
        r"(?:disconnect\w*|drift\w* apart|no (?:emotional )?connection|not connected)",
        r"(?:don'?t|doesn'?t) feel (?:anything|loved|seen|wanted)",
        r"(?:ignores?|ignoring|ignored) me",
    ],
    "sexual_withholding": [
        r"dead ?bedroom",
        r"(?:no|zero|haven'?t had|hasn'?t had|don'?t have|never have|stopped having|sexless) (?:\w+ ){0,2}(?:sex|intimacy|sex life)",
        r"(?:turns?|turned|shuts?|shut) (?:me )?down (?:\w+ ){0,3}(?:sex|in bed|when i initiate)",
        r"(?:rejects?|rejected|refuses?|refused|avoids?|avoided) (?:\w+ ){0,2}(?:sex|intimacy|my advances|when i initiate)",
        r"(?:sex|intimacy) (?:\w+ ){0,3}(?:chore|obligation|duty|transaction|reward|once a (?:month|year))",
        r"(?:porn|pornography|onlyfans)",
        r"(?:months|years|a year|ages) (?:\w+ ){0,3}(?:without|since we had) (?:sex|being intimate)",
        r"(?:libido|sex drive) (?:\w+ ){0,2}(?:gone|zero|dead|disappeared)",
    ],
    "blames_partner": [
        r"(?:blames?|blaming|blamed) (?:me|everything on|it all on)",
        r"(?:says?|said|saying|claims?|claimed|tells? me|told me|insists?|makes? it|made it|acts? like) (?:\w+ ){0,3}(?:my|all my) fault",
        r"(?:it'?s|its|everything is|everything'?s) always (?:my|all my) fault",
        r"(?:turns?|turned|flips?|twists?|twisted|throws?) (?:it|everything|things) (?:back )?(?:around )?(?:on|onto) me",
        r"(?:never|won'?t|doesn'?t|refuses? to) (?:\w+ ){0,2}(?:take (?:any )?responsibility|admit|apologi[sz]e|own (?:up|it))",
        r"(?:gets|got|becomes) (?:super |so |really )?defensive",
        r"(?:says?|said|tells? me|told me|acts? like) (?:\w+ ){0,3}(?:i'?m|i am) the (?:problem|reason)",
        r"(?:makes? me feel like|acts? like) (?:\w+ ){0,3}(?:my fault|the problem|crazy)",
    ],
    "fears_vulnerability": [
        r"(?:can'?t|cannot|hard to|struggle to|don'?t know how to|unable to|never) (?:\w+ ){0,2}(?:open up|express|share|show|talk about) (?:\w+ ){0,2}(?:feelings|emotions|myself|needs|what i feel)",
        r"(?:walls? up|put up walls|guard(?:ed| up)|keep (?:people|everyone) at arm'?s length)",
        r"(?:vulnerab\w*|overwhelmed|suffocat\w*|trapped|smothered|panic\w*) (?:\w+ ){0,4}(?:close|intima\w*|opens? up|affection|feelings)",
        r"(?:scared|afraid|terrified|fear) (?:\w+ ){0,2}(?:to|of) (?:open(?:ing)? up|being vulnerable|show(?:ing)? (?:my )?(?:feelings|emotions)|let(?:ting)? (?:anyone|people|him|her|them) in)",
        r"bottle (?:it|things|everything) up|bottled up",
        r"(?:freeze|froze|go numb|shut down) (?:\w+ ){0,3}(?:feelings|emotional|close)",
    ],
    "fears_rejection": [
        r"(?:scared|afraid|terrified|fear|worried|paranoid) (?:\w+ ){0,3}(?:leave|leaving|abandon\w*|reject\w*|dump\w*|replace\w*|get bored of)",
        r"(?:not good enough|don'?t deserve|unlovable|unworthy|too much for)",
        r"(?:fear of|afraid of) (?:rejection|abandonment|being (?:left|rejected|abandoned))",
        r"(?:needs?|seek\w*|constant) (?:\w+ ){0,2}reassurance",
        r"(?:overthink|read into|hurt by) (?:\w+ ){0,3}(?:text|reply|message|tone|every little)",
        r"(?:abandonment issues|rejection sensitiv\w*)",
        r"(?:will|going to|gonna) (?:\w+ ){0,2}(?:leave me|dump me|get sick of me|find someone better)",
    ],
    "sabotages_closeness": [
        r"(?:push|pushed|pushing|pushes) (?:\w+ ){0,2}away",
        r"self[- ]?sabotag\w*|sabotag\w*",
        r"(?:pick|picked|picking|start|started|starting) (?:a )?(?:fights?|arguments?) (?:\w+ ){0,4}(?:when|whenever|right when|just as|every time)",
        r"(?:ghost|ghosted|ghosting)",
        r"hot (?:and|&) cold",
        r"(?:end|ended|ending|break|broke) (?:it|things) (?:off )?(?:\w+ ){0,3}(?:before|right when|as soon as|just when) (?:\w+ ){0,3}(?:close|serious|good|hurt)",
        r"(?:test|testing|tests) (?:him|her|them|my partner|people) (?:to see|until)",
        r"(?:run|ran|running|bolt\w*) (?:away )?(?:as soon as|when|whenever) (?:\w+ ){0,3}(?:close|serious|good)",
    ],
    "withdraws_socially": [
        r"(?:isolat\w*|withdr[ae]w\w*|hermit|recluse)",
        r"(?:cancel|cancelled|canceled|canceling|cancelling|bail|bailed|flake|flaked) (?:\w+ ){0,2}(?:plans|on (?:people|friends|everyone|them))",
        r"(?:no|lost (?:all )?(?:my )?|don'?t have any|zero) friends",
        r"(?:avoid|avoiding|stopped seeing|stopped talking to|cut off|don'?t see) (?:\w+ ){0,2}(?:friends|family|people|everyone)",
        r"(?:stay|stayed|staying|hide|hiding) (?:in|at) (?:my room|home|the house|bed) (?:\w+ ){0,3}(?:all|every|instead)",
        r"(?:ignore|ignoring|ignored|leave .* on read) (?:\w+ ){0,2}(?:texts|calls|messages) from (?:friends|family|everyone)",
        r"(?:lonely|alone all the time|no social life)",
    ],
}

# Every cue pattern of a sign contains one of these strings, so a sentence without any of them
# cannot match and its (slow) regular expression is skipped. tests/test_cues.py checks this.
_GATES: dict[str, tuple[str, ...]] = {
    "avoids_deep_talk": (
        "subject", "topic", "talk", "open", "discuss", "communicat", "shut", "clam", "stonewall", "joke", "laugh",
        "brush", "surface", "conversation", "avoid", "dodg", "deflect", "the room", "silent",
    ),
    "withholds_affection": (
        "affection", "touch", "cuddl", "hug", "kiss", "hand", "love", "pull", "flinch", "stiff", "tense", "recoil",
    ),
    "hides_in_distractions": (
        "always", "constantly", "all ", "every", "glued", "addicted", "game", "gaming", "fortnite", "playstation",
        "xbox", "tiktok", "instagram", "youtube", "netflix", "reddit", "twitch", "work", "lives at", "scroll",
        "phone", "headphones", "tv on", "man cave", "office", "room", "busy", "busier", "time for",
    ),
    "emotional_distance": (
        "room", "strangers", "ships passing", "parents", "distant", "cold", "detached", "indifferent", "checked out",
        "emotionally", "shut off", "closed off", "numb", "interest", "care", "ask", "notice", "listen", "feel",
        "seem", "disconnect", "drift", "connect", "ignor",
    ),
    "sexual_withholding": ("dead", "sex", "intima", "bed", "initiat", "advances", "porn", "onlyfans", "libido"),
    "blames_partner": (
        "blam", "fault", "turn", "flip", "twist", "throw", "responsib", "admit", "apologi", "own", "defensive",
        "the problem", "the reason", "crazy",
    ),
    "fears_vulnerability": (
        "feeling", "emotion", "myself", "needs", "what i feel", "wall", "guard", "arm", "vulnerab", "overwhelm",
        "suffocat", "trapped", "smother", "panic", "scared", "afraid", "terrified", "fear", "bottle", "freeze",
        "froze", "numb", "shut down",
    ),
    "fears_rejection": (
        "scared", "afraid", "terrified", "fear", "worried", "paranoid", "good enough", "deserve", "unlovable",
        "unworthy", "too much for", "reassurance", "overthink", "read into", "hurt by", "abandonment", "rejection",
        "leave me", "dump me", "sick of me", "someone better",
    ),
    "sabotages_closeness": (
        "push", "sabotag", "fight", "argument", "ghost", "hot", "end", "break", "broke", "test", "run", "ran", "bolt",
    ),
    "withdraws_socially": (
        "isolat", "withdr", "hermit", "recluse", "cancel", "bail", "flake", "friends", "family", "people",
        "everyone", "stay", "hid", "texts", "calls", "messages", "lonely", "alone", "social life",
    ),
}  # fmt: skip
_HYP_GATE = ("what if", "worried", "in case", "one day", "would", "should i", "if ", "hypothetic", "hope", "might")
_PATTERN_GATE = (
    "always", "never", "constantly", "every", "anymore", "any more", "months", "years", "weeks", "lately",
    "these days", "since", "keep",
)  # fmt: skip


# Gates are plain substrings: one pass of ``in`` tests over all of them is several times faster
# than a regex alternation per sign.
def _keyword_tags() -> dict[str, frozenset[str]]:
    tags: dict[str, set[str]] = {}
    for name, words in (*_GATES.items(), ("hyp", _HYP_GATE), ("pattern", _PATTERN_GATE)):
        for w in words:
            tags.setdefault(w, set()).add(name)
    return {w: frozenset(t) for w, t in tags.items()}


_KEYWORD_TAGS = _keyword_tags()
_KEYWORDS = tuple(_KEYWORD_TAGS)

# Matching runs on the lower-cased sentence, without IGNORECASE (several times faster).
_COMPILED = {sign: re.compile(r"\b(?:" + "|".join(pats) + r")") for sign, pats in _CUES.items()}
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|don'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|aren'?t|won'?t|wouldn'?t|can'?t|cannot|hardly|barely|stopped being|used to)\b[^.,;!?]{0,25}$",
)
_HYPOTHETICAL = re.compile(
    r"\b(?:what if|worried (?:that )?(?:i|he|she|they) (?:might|will|would)|in case|one day (?:i|he|she) (?:might|will)|"
    r"would (?:i|you)|should i|if (?:i|he|she|they) ever|hypothetically|i hope (?:i|he|she) never|might end up)\b",
)
_PATTERN = re.compile(
    r"\b(?:always|never|constantly|every (?:time|day|night|week)|anymore|any more|for (?:months|years|weeks)|"
    r"in (?:months|years|weeks)|lately|these days|since|keeps?|every single)\b",
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})


def gate_words(text: str) -> tuple[str, ...]:
    """The gate words found anywhere in ``text``, to pass to :func:`cue_features` for its sentences.

    Parameters
    ----------
    text : str
        A whole text.

    Returns
    -------
    tuple of str
        A subset of the gate words; every gate word of any sentence of ``text`` is in it.
    """
    low = text.translate(_QUOTES).lower()
    return tuple(w for w in _KEYWORDS if w in low)


def cue_features(sentence: str, candidates: tuple[str, ...] = _KEYWORDS) -> list[str]:
    """Cue tokens of one sentence (the analyzer of the ``cues`` feature block).

    Parameters
    ----------
    sentence : str
        One sentence.
    candidates : tuple of str
        Gate words to test; :func:`gate_words` of the sentence's whole text gives the same
        tokens faster than the default (all gate words).

    Returns
    -------
    list of str
        Tokens such as ``"cue:sabotages_closeness"``, ``"cueneg:emotional_distance"``,
        ``"scope:hypothetical"``, ``"scope:question"``, ``"scope:pattern"``.
    """
    text = sentence.translate(_QUOTES)
    low = text.lower()
    out: list[str] = []
    gated: set[str] = set()
    for word in [w for w in candidates if w in low]:
        gated |= _KEYWORD_TAGS[word]
    hyp = "hyp" in gated and bool(_HYPOTHETICAL.search(low))
    for sign, rx in _COMPILED.items():
        if sign not in gated:
            continue
        for m in rx.finditer(low):
            negated = bool(_NEGATED.search(low, max(0, m.start() - 40), m.start()))
            tag = "cueneg" if negated or hyp else "cue"
            out.append(f"{tag}:{sign}")
            break
    if hyp:
        out.append("scope:hypothetical")
    if text.rstrip().endswith("?"):
        out.append("scope:question")
    if "pattern" in gated and _PATTERN.search(low):
        out.append("scope:pattern")
    return out


def cue_phrase(sentence: str, sign: str) -> str | None:
    """The first cue phrase of ``sign`` in ``sentence`` that is not negated.

    Call it for sentences whose ``cue:<sign>`` token is set (see :func:`cue_features`); it does not
    test the gates or the hypothetical scope again.

    Parameters
    ----------
    sentence : str
        One sentence.
    sign : str
        A sign id.

    Returns
    -------
    str or None
        The matched phrase, lower-cased, or None when no un-negated match is found.
    """
    low = sentence.translate(_QUOTES).lower()
    for m in _COMPILED[sign].finditer(low):
        if not _NEGATED.search(low, max(0, m.start() - 40), m.start()):
            return m.group(0).strip()
    return None
