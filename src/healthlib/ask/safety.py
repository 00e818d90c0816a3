"""Red flags: questions that describe an emergency get emergency guidance before anything else.

A red flag is something happening to someone now (or just now): an overdose taken, trouble
breathing, chest pain, a seizure, swelling of the face or throat, fainting, thoughts of
self-harm or suicide. A question *about* these ("can baclofen cause seizures?", "what happens
if I take too much?") is an ordinary question: it is answered from the guide, which carries
its own safety text, without raising the alarm.

Rules, not a model: each kind has phrases that report an event, and phrases that mark a
question as general ("can X cause...", "what happens if...", "is X used for..."). Phrases
that can only be a report ("I can't breathe", "I took 10 pills", "I want to kill myself")
raise the alarm whatever else the question says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Kind = Literal["overdose", "breathing", "chest_pain", "seizure", "allergy", "fainting", "self_harm"]

EMERGENCY_NUMBER = "911"
POISON_CONTROL = "1-800-222-1222"
CRISIS_LINE = "988"

_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
              "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
              "hundred": 100, "dozen": 12}

# An event: someone took more than they should have, or a child got into medicine.
_TOOK = r"(took|taken|swallowed|ate|eaten|popped|downed|gave|given|chewed|injected)"
_EXCESS = (r"(too much|too many|way too|more than (i|he|she|they|prescribed|recommended|i should|the label|"
           r"my dose|allowed|usual)|an extra|extra|a double|double|two doses|2 doses|three doses|"
           r"the whole|whole (bottle|pack|box|packet|strip|blister)|a handful|handful|a bunch|bunch of|"
           r"lots of|a lot of|someone elses|somebody elses|the wrong|wrong (pill|pills|medicine|"
           r"medication|meds|dose))")
# Taken by mistake: a second dose, or someone else's medicine ("took my husband's pills by mistake").
_MISTAKE_EXTRA = (r"(twice|again|another|a second|second|both|two|extra|double|more|too|as well|"
                  r"husbands|wifes|moms|mums|dads|sons|daughters|partners|friends|kids|childs|"
                  r"someone elses|somebody elses|the wrong|wrong)")
_CHILD = r"(kid|kids|child|baby|toddler|son|daughter|grandson|granddaughter|little one|\d+ year old)"
_OVERDOSE_EVENT = [
    re.compile(rf"\b{_TOOK}\b(?: \w+){{0,6}}? {_EXCESS}\b"),
    re.compile(rf"\b(accidentally|mistakenly) (took|swallowed|gave|ate)\b(?: \w+){{0,8}}? {_MISTAKE_EXTRA}\b"),
    re.compile(rf"\b(took|swallowed|gave)\b(?: \w+){{0,6}}? {_MISTAKE_EXTRA}\b.{{0,40}}"
               rf"\b(by (mistake|accident)|accidentally)\b"),
    re.compile(r"\b(going to|gonna|want to|wanna|plan to|planning to|about to|will|ready to) "
               r"(take|swallow|overdose on|od on|down) (all|every|everything|the whole|a whole|a bottle|"
               r"the bottle|the rest|a handful|lots)\b"),
    re.compile(r"\b(swallowed|popped|downed|ate) (all|the rest)\b"),
    re.compile(r"\b(took|taken) all (of )?(my|his|her|their|the|them|those|these)\b(?: \w+){0,3} "
               r"(at once|bottle|pack|box|packet)\b"),
    re.compile(r"\b(i|he|she|they|we|someone|somebody|my \w+|just|think i|may have|might have) "
               r"(overdosed|odd|od|ode|overdose on)\b"),
    re.compile(r"\b(is|am|are|im|hes|shes|theyre) (overdosing|having an overdose)\b"),
    re.compile(r"\b(took|taken|had|taking) an overdose\b"),
    re.compile(r"\b(i|he|she|they|we|just|accidentally|mistakenly) (double dosed|doubled (up|my|his|her|their|the)|"
               r"triple dosed|overdid (it|my))\b"),
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,4}} (ate|swallowed|got into|chewed|drank|found|has eaten|"
               rf"had some|took (some|a few|several|my|our|a bottle|the bottle|a handful|a bunch))\b"),
    re.compile(r"\b(overdose|overdosed|od) on \w+ (what|now|help|please)\b"),
    re.compile(r"\boverdose\b.{0,30}\b(right now|just now|help me|what do i do|what should i do|"
               r"what now|call|hospital)\b"),
]
# A count of pills taken at once, from four up ("took 10 baclofen", "swallowed twenty").
_COUNT_TAKEN = re.compile(rf"\b(took|taken|swallowed|ate|popped|downed) (like |about |around |over |"
                          rf"maybe |almost |nearly )?(\d+|{'|'.join(_NUM_WORDS)})\b(?! ?(mg|mcg|g|ml|"
                          rf"milligrams?|micrograms?|units?|hours?|hrs?|minutes?|mins?|days?|weeks?|"
                          rf"months?|years?|am|pm|oclock|times|doses|puffs|a day|daily|per day))"
                          rf"(?: \w+){{0,3}}")

_BREATHING_ALWAYS = re.compile(
    r"\b(cant|can not|cannot|couldnt|unable to) (breathe|breath|get (my |a )?breath|catch (my |his |her )?breath)\b"
    r"|\b(not|stopped|isnt|wasnt|barely) breathing\b|\bbreathing (has )?stopped\b|\bgasping\b"
    r"|\bchoking\b|\b(lips|face|skin) (are |is |turning |turned |going )?(blue|grey|gray)\b"
    r"|\bthroat (is |feels )?(closing|closed|tight)\b")
_BREATHING = re.compile(
    r"\b(trouble|difficulty|hard|struggling|problems?|hard time) (breathing|to breathe|breathe|breath)\b"
    r"|\bshort(ness)? of breath\b|\bbreathing (is |very |really |so )*(slow|shallow|weird|labored|"
    r"laboured|hard|difficult)\b|\bbreathless\b|\bcant stop wheezing\b")
_CHEST = re.compile(
    r"\bchest (pain|pains|hurts|hurting|is hurting|feels (tight|heavy|crushed)|pressure|tightness|"
    r"is tight|squeezing)\b|\bpain in (my|his|her|the) chest\b|\bheart attack\b|\bcrushing pain\b"
    r"|\b(left )?arm (is |went |going )?numb\b")
_SEIZURE = re.compile(
    r"\b(seizure|seizures|seizing|seized|convulsion|convulsions|convulsing|fitting|"
    r"having a fit|had a fit|having fits)\b")
_ALLERGY = re.compile(
    r"\b(face|throat|tongue|lips?|mouth|eyes?|eyelids?|neck) (is |are |has |have |keeps |started |"
    r"starting |getting |got |feels |feel )?(swelling|swollen|swelled|swell|puffing|puffed|"
    r"closing|blowing up)\b"
    r"|\bswelling (of|in|on) (my|his|her|the|their) (face|throat|tongue|lips?|mouth|eyes?)\b"
    r"|\bswollen (face|throat|tongue|lips?|mouth|eyes?)\b"
    r"|\banaphyla\w*\b|\b(severe|bad|serious|major) allergic reaction\b|\ballergic reaction\b"
    r"|\bhives (all over|everywhere)\b")
_FAINTING = re.compile(
    r"\b(fainted|fainting|passed out|passing out|pass out|blacked out|blacking out|unconscious|"
    r"unresponsive|collapsed|wont wake|will not wake|cant wake|cannot wake|not waking|hard to wake|"
    r"not responding|cant be woken|wont respond)\b")
_SELF_HARM_ALWAYS = re.compile(
    r"\b(kill myself|killing myself|end my life|ending my life|end it all|take my (own )?life|"
    r"hurt myself|hurting myself|harm myself|harming myself|cut myself|cutting myself|"
    r"want to die|wanna die|want to be dead|better off dead|dont want to (live|be alive|be here|"
    r"wake up)|do not want to (live|be alive|wake up)|no reason to live|not worth living|"
    r"suicide attempt|attempted suicide|commit suicide|going to (kill|end)|plan to (kill|end)|"
    r"kill (himself|herself|themselves)|end (his|her|their) life)\b")
_SELF_HARM = re.compile(r"\b(suicide|suicidal|self harm|selfharm|self harming|self injury)\b")
_SELF_HARM_PERSONAL = re.compile(
    r"\b(i|im|ive|i am|i feel|i have been|i keep|my (son|daughter|husband|wife|partner|friend|child|kid|"
    r"mom|dad|brother|sister|boyfriend|girlfriend)|he|she|hes|shes|they)\b(?: \w+){0,4} "
    r"(suicid\w*|self harm\w*|thinking about (suicide|ending|dying|killing))")
_LETHAL = re.compile(
    r"\b(how many|how much)\b.{0,60}\b(to die|kill (me|myself|someone|a person|you)|to be dead|"
    r"lethal|fatal|to od|to overdose|to end it|end my life|never wake up|not wake up)\b"
    r"|\blethal (dose|amount)\b|\b(fatal|deadly) (dose|amount)\b")

# Marks of a general question: "can X cause...", "is X used for...", "what happens if...".
_GENERAL = re.compile(
    r"\b(can|could|does|do|will|would|may|might|is|are|should)\b.{0,60}\b(cause|causes|causing|"
    r"make (you|me|people|someone|them)|side effects?|risk|risks|used (for|to)|use (for|to)|treat|"
    r"treats|help|helps|good for|prescribed for|trigger|triggers|lead to|increase|worsen|raise|"
    r"lower|prevent|prevents)\b"
    r"|\b(what happens|what would happen|what if|what to do if|what do (i|you) do if|what should (i|you) "
    r"do if|if (i|you|someone|somebody|a person|he|she|they|my \w+) (take|takes|took|get|gets|have|has|"
    r"had|ever|accidentally|were|was))\b"
    r"|\b(signs|symptoms|sign|symptom|history|prevention|preventing|prevent) of\b"
    r"|\b(risk|risks|chance|chances|odds|likely|likelihood|common|rare|threshold)\b"
    r"|\b(for|with|treat|treating|prevent|preventing) (seizures|epilepsy|fits|asthma|angina|"
    r"chest pain|shortness of breath|heart attacks?|convulsions)\b"
    r"|\b(i have|he has|she has|ive had|i had|history of|prone to|diagnosed with) (epilepsy|seizures|"
    r"a seizure disorder|asthma|angina|a heart attack|heart attacks)\b"
    r"|\b(is it|is that|are they) (safe|ok|okay)\b|\bsafe (for|to|if|with)\b"
    r"|\b(after|since|following) (a|my|his|her) (heart attack|seizure|stroke)\b"
    r"|\b(warning|warnings|boxed|black box|label)\b")
_NOW = re.compile(r"\b(now|right now|just|currently|at the moment|started|starting to|having|is having|"
                  r"am having|im having|keeps|help|please help|after (taking|my|his|her|the)|since)\b")


@dataclass(frozen=True)
class RedFlag:
    kind: Kind
    matched: str


def _count_taken(text: str) -> bool:
    for m in _COUNT_TAKEN.finditer(text):
        raw = m.group(3)
        n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw, 0)
        rest = m.group(0)
        if n >= 4 and n <= 500:
            return True
        if n >= 2 and re.search(r"\b(extra|more|too|instead|at once|by mistake|accidentally)\b", rest):
            return True
    return False


def red_flags(masked: str) -> list[RedFlag]:
    """Red flags in a normalised question (medicine names masked), most urgent first."""
    t = masked
    flags: list[RedFlag] = []
    general = _GENERAL.search(t) is not None
    now = _NOW.search(t) is not None

    def flag(kind: Kind, m: re.Match[str] | None) -> None:
        if m is not None and all(f.kind != kind for f in flags):
            flags.append(RedFlag(kind, m.group(0)))

    # self-harm first: it changes which numbers to call
    if (m := _SELF_HARM_ALWAYS.search(t)) or (m := _SELF_HARM.search(t)) and (_SELF_HARM_PERSONAL.search(t) or not general):
        flag("self_harm", m)
    if m := _LETHAL.search(t):
        flag("self_harm", m)

    hypothetical = re.search(r"\b(what if|what happens if|what would happen if|if (i|you|someone|somebody|"
                             r"a person|he|she|they|my \w+) (took|take|takes|ate|eat|swallowed|"
                             r"accidentally|ever)|can (you|i|someone|a person) (overdose|od)|is it possible)\b", t)
    if not hypothetical:
        for pattern in _OVERDOSE_EVENT:
            if m := pattern.search(t):
                flag("overdose", m)
                break
        if not any(f.kind == "overdose" for f in flags) and _count_taken(t):
            flag("overdose", _COUNT_TAKEN.search(t))

    if (m := _BREATHING_ALWAYS.search(t)) or (m := _BREATHING.search(t)) and (not general or now):
        flag("breathing", m)
    for kind, pattern in (("chest_pain", _CHEST), ("seizure", _SEIZURE), ("allergy", _ALLERGY),
                          ("fainting", _FAINTING)):
        m = pattern.search(t)
        if m and (not general or (now and not _is_general_about(t, m))):
            flag(kind, m)  # type: ignore[arg-type]
    return flags


def _is_general_about(t: str, m: re.Match[str]) -> bool:
    """'can baclofen cause seizures after stopping' is general even with 'after'."""
    before = t[:m.start()]
    return bool(re.search(r"\b(cause|causes|make you|side effects?|risk|used for|treat|prevent|for)\s*(\w+\s*){0,3}$",
                          before))


def emergency_guidance(flags: list[RedFlag]) -> str:
    """What to do now, in plain words: the emergency number first, then who else to call."""
    kinds = {f.kind for f in flags}
    lines = []
    if "self_harm" in kinds:
        lines.append(f"If you are thinking about suicide or about hurting yourself, or are worried about "
                     f"someone else, call or text {CRISIS_LINE} (Suicide & Crisis Lifeline, US) now. "
                     f"If someone is in danger right now, call {EMERGENCY_NUMBER} or your local "
                     f"emergency number. You are not alone, and help is there 24 hours a day.")
    if kinds - {"self_harm", "overdose"}:
        what = {"breathing": "trouble breathing", "chest_pain": "chest pain", "seizure": "a seizure",
                "allergy": "swelling of the face, lips, tongue or throat", "fainting": "fainting or "
                "being hard to wake"}
        signs = [what[k] for k in ("breathing", "chest_pain", "seizure", "allergy", "fainting") if k in kinds]
        lines.append(f"This may be an emergency. Call {EMERGENCY_NUMBER} or your local emergency "
                     f"number now for {' and '.join(signs)}. Do not drive yourself to hospital.")
    if "overdose" in kinds or ("self_harm" in kinds and "overdose" in kinds):
        lines.append(f"If someone may have taken too much medicine: call {EMERGENCY_NUMBER} or your local "
                     f"emergency number now if they are hard to wake, have trouble breathing, or have a "
                     f"seizure. Otherwise call Poison Control at {POISON_CONTROL} (US, free, 24 hours) "
                     f"right away, even if they seem fine. Have the medicine bottle with you.")
    elif "self_harm" in kinds:
        lines.append(f"If someone has taken too much medicine, call Poison Control at {POISON_CONTROL} "
                     f"(US) or {EMERGENCY_NUMBER}.")
    return "\n".join(lines)
