"""What each call outcome decides next (issue #16, after DealerMine's outcome codes).

Every outcome has a re-contact delay in days (editable in Settings; defaults here):
- ``no_answer``: working days to the next try; ``call_back``: working days to the call
  back when no day was agreed (an agreed day is kept exactly);
- ``car_sold``: every reminder of that car closes, and a "record the new owner"
  follow-up is due after the delay;
- ``insured_else`` / ``service_else``: that car's renewal calls / maintenance reminders
  pause for the delay (0: until a person clears the pause);
- ``declined`` and the rest: the follow-up's contact type pauses for that car for the
  delay (0, the default: no pause, the rules decide).
"""

from __future__ import annotations

from collections.abc import Mapping

from dealerdesk.vocab.aftersales import ContactType
from dealerdesk.vocab.contact import Outcome

DEFAULT_DELAYS: Mapping[str, int] = {
    Outcome.REACHED: 0,
    Outcome.NO_ANSWER: 1,
    Outcome.LEFT_MESSAGE: 0,
    Outcome.CALL_BACK: 1,
    Outcome.WRONG_NUMBER: 0,
    Outcome.DECLINED: 0,
    Outcome.CAR_SOLD: 1,
    Outcome.INSURED_ELSEWHERE: 300,  # until next year's renewal window opens
    Outcome.SERVICED_ELSEWHERE: 180,
}
# Outcomes about one car, and the contact type each pauses (ALL: closes every type).
VEHICLE_OUTCOMES: Mapping[str, ContactType] = {
    Outcome.CAR_SOLD: ContactType.ALL,
    Outcome.INSURED_ELSEWHERE: ContactType.INSURANCE,
    Outcome.SERVICED_ELSEWHERE: ContactType.SERVICE,
}
# Outcomes with a working-day meaning of their delay (not a pause).
RETRY_OUTCOMES = frozenset({Outcome.NO_ANSWER, Outcome.CALL_BACK})
MAX_DELAY = 3660


def effective_delays(stored: Mapping[str, int]) -> dict[str, int]:
    """The defaults overlaid with the stored values, for every outcome in the vocabulary."""
    return {str(o): stored.get(str(o), DEFAULT_DELAYS.get(o, 0)) for o in Outcome}
