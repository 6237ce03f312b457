"""The ten sign ids of the taxonomy and the people who can show them."""

from __future__ import annotations

from enum import StrEnum

from .errors import UnknownSignError

#: The ten sign ids, in the order of the taxonomy. This order is part of the contract.
SIGN_IDS: tuple[str, ...] = (
    "avoids_deep_talk",
    "withholds_affection",
    "hides_in_distractions",
    "emotional_distance",
    "sexual_withholding",
    "blames_partner",
    "fears_vulnerability",
    "fears_rejection",
    "sabotages_closeness",
    "withdraws_socially",
)

SIGN_TITLES: dict[str, str] = {
    "avoids_deep_talk": "Avoidance of deep emotional conversations",
    "withholds_affection": "Withholding affection",
    "hides_in_distractions": "Work, hobbies or technology as escape",
    "emotional_distance": "Unexplained emotional distance",
    "sexual_withholding": "Sexual withholding or transactional intimacy",
    "blames_partner": "Blaming the partner",
    "fears_vulnerability": "Fear of vulnerability, trouble expressing feelings",
    "fears_rejection": "Fear of rejection, criticism or abandonment",
    "sabotages_closeness": "Sabotaging closeness",
    "withdraws_socially": "Social withdrawal and isolation",
}


class Subject(StrEnum):
    """Who shows a sign: the writer, their partner, or someone else."""

    SELF = "self"
    PARTNER = "partner"
    OTHER = "other"


SUBJECT_IDS: tuple[str, ...] = tuple(s.value for s in Subject)


def check_sign_id(sign: str) -> str:
    """Return ``sign`` if it is one of :data:`SIGN_IDS`.

    Parameters
    ----------
    sign : str
        A sign id.

    Returns
    -------
    str
        The same id.

    Raises
    ------
    UnknownSignError
        If ``sign`` is not one of the ten ids.
    """
    if sign not in SIGN_TITLES:
        raise UnknownSignError(f"unknown sign id {sign!r}; expected one of: {', '.join(SIGN_IDS)}")
    return sign
