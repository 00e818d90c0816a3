"""Red flags: questions that describe an emergency get emergency guidance before anything else.

A red flag is something happening to someone now (or just now), in the categories a
poison-control nurse triages: a child who got into medicine, an overdose taken, thoughts of
self-harm or suicide, opioid overdose signs, bleeding on a blood thinner, a severe allergy,
serotonin syndrome or lithium toxicity, very low blood sugar, chest pain, stroke signs, a
seizure, fainting, a blistering rash, a very slow or fast pulse, fever with a stiff neck,
trouble breathing. Each rule is a category's symptom words crossed with a "now" cue, never a
sentence; an event told as history ("a seizure years ago") is not a red flag. A question *about* these ("can baclofen cause seizures?", "what happens
if I take too much?") is an ordinary question: it is answered from the guide, which carries
its own safety text, without raising the alarm.

Rules first (the emergency model in `classifier` adds its view; a question is flagged when
either fires): each kind has phrases that report an event, and phrases that mark a
question as general ("can X cause...", "what happens if...", "is X used for..."). Phrases
that can only be a report ("I can't breathe", "I took 10 pills", "I want to kill myself")
raise the alarm whatever else the question says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

Kind = Literal["overdose", "breathing", "chest_pain", "seizure", "allergy", "fainting", "stroke", "self_harm",
               "bleeding", "low_blood_sugar", "toxicity", "heart_rate", "blood_pressure", "skin", "fever", "emergency",
               "sent_to_care"]

EMERGENCY_NUMBER = "911"
POISON_CONTROL = "1-800-222-1222"
CRISIS_LINE = "988"

_NUM_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
              "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
              "hundred": 100, "dozen": 12}

# An event: someone took more than they should have, or a child got into medicine.
_FOODS = (r"(water|juice|milk|wine|beer|soda|coke|pop|cider|vodka|alcohol|booze|coffee|tea|biscuits|crisps|chips|"
          r"cookies|chocolate|cereal|bread|food|fruit|vegetables|exercise|carbs|carbohydrates?|sugar|sweets|snacks?|calories|"
          r"protein|salt|fibre|fiber|toast|sandwich|cake|pizza|yoghurt|yogurt|porridge|soup|pasta|rice|apple|banana)\b")
_NOT_FOOD = rf"(?! of {_FOODS})"
_TOOK = (r"(took|tookk|tooked|taken|swallowed|swolled|swallowd|ingested|injested|ate|eaten|popped|downed|gave|given|chewed|injected|necked|"
         r"knocked back|scoffed|gobbled)")
_EXCESS = (rf"(too much|too many|to many|way too|a triple|triple|(three|3|four|4) times (my|his|her|their|the)|a (bottle|box|pack|packet|strip|blister pack|tub|jar) of{_NOT_FOOD}|more than (i|he|she|they|prescribed|recommended|i should|the label|"
           rf"my dose|allowed|usual)|an extra(?! {_FOODS})|extra(?! {_FOODS})|a double|double|two doses|2 doses|three doses|"
           rf"the whole(?! \w+ of {_FOODS})|whole (bottle|pack|box|packet|strip|blister)\b{_NOT_FOOD}|a handful|handful|a bunch|bunch of|"
           rf"(lots|a lot|loads|tons|heaps) of(?! {_FOODS})|everything|(\d+|two|three|four) (strips|packs|boxes|bottles|packets|blister packs)|every pill|every last|a ton of|tons of|loads of|a load of|heaps of|a fistful|half (a|the) (bottle|pack|box|packet)|"
           r"(my |his |her |their |a |an |the )?(whole|entire|full) (bottle|pack|box|packet|strip|blister|week|weeks|"
           rf"month|months|supply|prescription|script|refill)\b{_NOT_FOOD}|someone elses|somebody elses|the wrong|wrong (pill|pills|medicine|"
           r"medication|meds|dose))")
# Taken by mistake: a second dose, or someone else's medicine ("took my husband's pills by mistake").
_MISTAKE_EXTRA = (r"(twice|again|another|a second|second|both|two|extra|double|more|too|as well|"
                  r"husbands|wifes|moms|mums|dads|sons|daughters|partners|friends|kids|childs|"
                  r"someone elses|somebody elses|the wrong|wrong|instead of(?! (my|his|her|the) (tummy|stomach|belly|"
                  r"thigh|arm|leg|bottom|buttock|side|abdomen)\b)|several|multiple|"
                  r"(\d+|three|four|five|six) (doses|times|lots|tablets|pills))")
_CHILD = (r"(little brother|little sister|baby brother|baby sister|kid|kids|child|baby|babby|toddler|todler|son|daughter|"
          r"grandson|granddaughter|grandaughter|grandkids|grandkid|grandchildren|grandchild|little one|twins|twin|kiddo|kiddos|infant|"
          r"little boy|little girl|my boy|my girl|bub|bubba|little cousin|baby cousin|younger cousin|"
          r"(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?(year|yr|month|mo|mos|months) old|\d+ ?(yo|mo|mos)|teen|teenager|niece|nephew)")
# Someone else's: "took my husbands X"
_WHOSE = (r"(another (residents|patients|persons|mans|ladys|womans)|husbands|wifes|partners|mums|moms|mothers|dads|fathers|sons|daughters|brothers|sisters|friends|flatmates|"
          r"roommates|housemates|grans|grannys|grandmas|grandads|grandpas|nans|nanas|someone elses|somebody elses|"
          r"another persons|the wrong persons|(the )?(man|lady|woman|patient|person) next door)")
# Whose medicine: "took all her lorazepam", "took all my pills".
_POSS = r"(my|his|her|their|our|the|of (my|his|her|their|the))"
_FOODISH = (r"breakfast|lunch|dinner|supper|food|a meal|meal|meals|snacks?|something|cereal|fruit|before|after|"
            r"today|yet|well|fine|ok|okay|normally|properly|too little|nothing|anything|water|milk|juice|formula")
_MEDS = r"(drugx|pills|pill|meds|medicine|medicines|medication|medications|tablets|tabs|capsules|prescription|sleeping pills)"
# the child's own dose taken the wrong way: not an ingestion ("swallowed his tablet whole instead of chewing")
_NOT_SWALLOWED = (r"((tablet|pill|capsule|tab)s? whole\b|whole instead|instead of (chewing|swallowing)|without chewing|chewable|to swallow|"
                   r"nothing (was |is )?(inside|in it|missing)|none (are |were )?missing|was empty|still sealed|"
                   r"(all|every one|everything|they|them|all \d+|all of them) (are |were |is |was )?still (there|in it|inside|in the \w+)|"
                   r"(her|his|their|the) (\w+ )?(spoon|dosing cup|syringe|dropper)\b)")
# the child's own dose swallowed as given: "swallowed his amoxicillin dose", "her prescribed X with juice" (a bare
# "her X" may be another person's medicine: it keeps the alarm)
_OWN_DOSE = (r"(his|her|their) ((own|usual|prescribed|normal|daily|morning|evening|night|bedtime) (\w+ )?(drugx|dose|medicine|"
             r"tablets?|pills?|syrup|capsules?|meds|antibiotic)|(drugx |antibiotic )?(dose|syrup))\b"
             # ...with nothing more taken after it ("...and then more from the bottle", "...and then his sisters")
             r"(?!.{0,50}\b(more (of|from|than|pills|tablets)|(took|ate|swallowed|had|got|grabbed|found) (some )?more|another (one|dose|"
             r"tablet|pill)|again|twice|extra|double|the rest|rest of|bottle|handful|all of|too many|as well|plus|my|mine|"
             r"sisters|brothers|mums|moms|dads|grans|nans|grandmas|grandads|someone elses|somebody elses)\b)")
# words that end the clause an ingestion verb starts ("got into trouble at school, can X help")
_CLAUSE_END = r"(and|then|but|so|can|could|is|does|do|should|will|would|before|after|with|for|at|because)"
_OVERDOSE_EVENT = [
    # ...never "is that too many" asked of a dose taken as told ("took 4 this week, is that too many")
    re.compile(rf"\b{_TOOK}\b(?: \w+){{0,6}}? (?<!is that )(?<!is this )(?<!is it )(?<!was that )(?<!was it )(?<!are they )"
               rf"(?<!would that be )(?<!will that be ){_EXCESS}\b"),
    re.compile(rf"\b(accidentally|accidently|accidentaly|mistakenly|by mistake i) (took|swallowed|gave|ate|injected|used|had)\b(?: \w+){{0,8}}? {_MISTAKE_EXTRA}\b"),
    re.compile(rf"\b(took|swallowed|gave)\b(?: \w+){{0,6}}? {_MISTAKE_EXTRA}\b.{{0,40}}"
               rf"\b(by (mistake|accident)|accidentally)\b"),
    re.compile(r"\b(going to|gonna|want to|wanna|plan to|planning to|about to|will|ready to) "
               r"(take|swallow|overdose on|od on|down) (all|every|everything|the whole|a whole|my whole|my entire|a bottle|"
               r"the bottle|the rest|a handful|lots)\b(?!.{0,40}\b(like|as|the way) (the |my |his |her )?(doctor|dr|"
               r"pharmacist|prescribed|directed|told|said|instructed|label|course)\b)"),
    re.compile(r"\b(swallowed|popped|downed|ate) (all|the rest)\b"),
    # pills taken and nobody knows how many: "my son took pills, i dont know how many"
    re.compile(r"\b(took|taken|swallowed|ate|had)\b(?: \w+){0,6} (pills|tablets|drugx|meds|capsules)\b.{0,40}"
               r"\b(dont|do not|not sure|no idea|unsure) (know )?how (many|much)\b(?! (are |is )?(left|remain|to))"),
    # a child found with the medicine open or emptied
    re.compile(rf"\b{_CHILD}\b.{{0,80}}\b(bottle|packet|pack|box|lid|cap|organiser|organizer|blister pack|tub)\b (\w+ ){{0,2}}"
               rf"(open|opened|off|empty|emptied|chewed|ripped open)\b(?!.{{0,60}}\b{_NOT_SWALLOWED})"),
    # ...told the other way round: "2 of grandpas X swallowed by my toddler"
    re.compile(rf"\b(swallowed|eaten|chewed|taken|got into) by (my|our|the|his|her|their) (\w+ )?{_CHILD}\b"),
    # a child given someone's medicine: "gave the baby my pill instead of her drops"
    re.compile(rf"\b(gave|given|fed)\b(?: \w+){{0,2}} {_CHILD}\b(?: \w+){{0,5}} (pill|pills|tablet|tablets|medicine|meds|"
               r"drugx|dose|patch)\b(?: \w+){0,4} (instead of|by mistake|by accident|rather than)\b"),
    # a dose injected or taken twice just now
    re.compile(r"\b(injected|jabbed)\b(?: \w+){0,4} twice\b(?! (a|per|each|every) (day|week))"
               r"|\bjust (took|taken|had|given|gave)\b(?: \w+){0,3} twice\b(?! (a|per|each|every|today|this))"),
    # a week's pills, or all of them, in one go
    re.compile(r"\b(took|taken|had|swallowed|necked|downed)\b(?: \w+){0,6} (all|whole|entire|full|every)\b(?: \w+){0,6} "
               r"(in one go|all at once|at once|in one hit|at the same time)\b"),
    # a count of pills "had": "had 20 co-codamol", "my son just had 12 of them" (after asking about the medicine)
    re.compile(r"\b(had|necked|knocked back)\b (like |about |around |over |maybe |nearly )?([5-9]|[1-9]\d) (of (my|his|her|the) )?"
               r"(drugx|pills|tablets|tabs|capsules)\b(?! (a day|daily|per day|each day|every day|a week|a month|"
               r"over|in (a|the) (day|week|month)))"
               r"|\b(i|he|she|they|we|my \w+) (just |already )?had (like |about |around |over |maybe |nearly )?([5-9]|[1-9]\d) of "
               r"(them|those|these)\b(?! (left|remaining|spare|in (the|a|my) \w+|a day|daily|per day|a week|a month|over))"),
    # ...with the verb left out after a first thing had: "had a few beers and then like 6 of my X"
    re.compile(r"\b(had|took|drank|downed|necked|knocked back)\b.{0,50}\b(and )?then (like |about |around |over |maybe |"
               r"nearly |another )?([4-9]|[1-9]\d|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty) (of (my|his|her|"
               r"their|the) )?(drugx|pills|tablets|tabs|capsules)\b(?! (a day|daily|per day|each|every|at (night|bedtime)|"
               r"in the (morning|evening)|later|tomorrow))"),
    # a count to be slept off: "can u sleep off 10 X lol asking 4 me" (however it is asked, 4 or more is no dose to sleep on)
    re.compile(r"\bsleep (it |them |that |those )?off (like |about |around |maybe |over )?([4-9]|[1-9]\d)\b"
               r"(?! ?(hours?|hrs?|mins?|minutes?|days?|nights?|am|pm|oclock|beers?|pints?|drinks?|glasses|shots|units))"
               r"|\b([4-9]|[1-9]\d) (of (my|his|her|the) )?(drugx|pills|tablets|tabs|capsules)\b.{0,30}\bsleep (it |them |that |those )?off\b"),
    # a medicine drunk by the bottle: "drank half a bottle of liquid morphine"
    re.compile(r"\b(drank|drunk|downed|swigged|gulped) (\w+ )?(half|a whole|the whole|a full|the full|all|most)( of)? "
               r"(a |the |my |his |her )?(\w+ )?(bottle|bottles|syrup|liquid|drugx)\b(?! of (water|juice|milk|wine|beer|soda|vodka))"),
    re.compile(rf"\b(took|taken|had|swallowed) (all|the rest|every one|everything) (\d+ )?(of )?{_POSS} (\w+ )?{_MEDS}\b"
               r"(?! (today|this morning|this evening|tonight|for (the|today)|on time|as (prescribed|directed|usual)|"
               r"like (i|he|she) should|at the right time|yesterday|this week|each|every))"),
    # a wrong amount measured or given: "gave my baby 10 ml instead of 1 ml"
    re.compile(r"\b(gave|given|took|taken|had|measured|injected|used)\b(?: \w+){0,6} \d+ ?(ml|mls|mg|mcg|units?|"
               r"teaspoons?|tsp|tablespoons?|tbsp|droppers?|tablets?|pills?|capsules?)\b(?: \w+){0,4} "
               r"(instead of|rather than|not) \d+"),
    re.compile(r"\b(had|took|taken|given|gave|had had)\b(?: \w+){0,2} (\d+|two|three|four|five|six) (doses|lots|times)\b"
               r"(?: of (my|his|her|their|the) \w+)? (in|within) (\d+|an|one|two|three|the last|the past) (hours?|hrs?|minutes?)"),
    # a once-a-week medicine taken every day ("took my weekly dose every day this week instead of once")
    re.compile(r"\b(took|been taking|been having|been swallowing|was taking|have taken|has taken|had|gave|been giving|was giving|"
               r"injected|been injecting)\b.{0,60}\b(every day|daily|each day|every morning|every night)\b"
               r"(?: \w+){0,4}? (instead of|rather than|not) (\w+ )?(once|weekly|one day)\b"),
    # an auto-injector or needle fired into a finger or hand by accident
    re.compile(r"\b(injected|jabbed|stabbed|fired|shot|pricked|stuck)\b(?: \w+){0,5} (into|in) (my|his|her|their) (own )?"
               r"(finger|fingers|thumb|hand|fingertip)\b(?=.{0,60}\b(by (mistake|accident)|accidentally|accidently|white|pale|"
               r"cold|numb|blue)\b)|\b(by (mistake|accident)|accidentally|accidently) (injected|jabbed|stabbed|fired|shot)\b"
               r"(?: \w+){0,5} (into|in) (my|his|her|their) (own )?(finger|fingers|thumb|hand|fingertip)\b"),
    re.compile(r"\b(forgot|forgetting|did not realise|didnt realise|didnt realize|did not realize|not remembering) "
               r"(that )?(i|he|she|they|we) (had )?(already )?(took|taken|had|given|gave)\b"),
    # a dose taken over and over by someone confused or forgetful
    re.compile(r"^(?=.*\b(confused|confusion|forgot|forgets|forgetful|forgetting|dementia|alzheimers|muddled|by mistake|"
               r"accident|accidentally|not sure|wasnt sure)\b).*?\b(took|taken|had|given|gave)\b(?: \w+){0,4} "
               r"(\d+|three|four|five|six) (times|lots|doses)( of \w+)? (today|tonight|now|this morning|"
               r"since (breakfast|lunch|dinner|tea|this morning|midday|noon)|in (one|a|an) (day|hour|morning|night|evening))\b"),
    re.compile(r"\b(took|taken) all (of )?(my|his|her|their|the|them|those|these)\b(?: \w+){0,3} "
               r"(at once|bottle|pack|box|packet)\b"),
    re.compile(r"\b(i|he|she|they|we|someone|somebody|my \w+|just|think i|may have|might have) "
               r"(overdosed|overdoesd|overdosd|overdossed|odd|od|ode|overdose on)\b"),
    re.compile(r"^(accidently |accidentally )?(overdosed|overdoesd|overdosd|odd|od|ode) on\b"),
    re.compile(r"\b(going to|gonna|want to|about to|threatening to|threatened to|says (hes|shes|he is|she is) going to) "
               r"(od|overdose)\b"),
    re.compile(r"\b(took|swallowed|taken) (the |some |a lot of |lots of )?(pills|tablets|drugx|meds) (to die|to end it|"
               r"to kill (myself|himself|herself)|on purpose)\b"),
    re.compile(r"\b(admitted|admits|admitted to|has just|have just|just) (taking|taken) ([4-9]|\d\d+|a handful|a bunch)\b"),
    re.compile(r"\b(took|taken|had|swallowed) (it|them|my \w+|his \w+|her \w+) (again and again|over and over)\b"),
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,6}} (swallowed|ate|chewed|drank|had) (something|some|one|a few|\w+) (from|out of) "
               r"(my|the|his|her|their|\w+s) (\w+ )?(pill|pills|medicine|medicines|tablets|bag|purse|handbag|cabinet|"
               r"organiser|organizer|box|bottle|drugx)\b"),
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,4}} (put|had|has|stuck) (a|one|some|two|the|my) (\w+ )?({_MEDS}|patch) in (his|her|their) mouth\b"),
    re.compile(r"\b(swallowed|ate|has swallowed|might have swallowed|may have swallowed) (a |an |one |two |some )?(button |coin |lithium )?"
               r"(battery|batteries|magnet|magnets)\b"),
    re.compile(rf"\b(gave|given|giving)\b(?: \w+){{0,3}} (the |an |my )?adult (dose|drugx|version|tablets?|strength|{_MEDS})\b"),
    re.compile(r"\b(thinking|thought|thoughts|think) (about|of) (overdosing|an overdose|od ing|oding|taking (all|them all|"
               r"the whole|every|a bottle|the bottle|a handful))\b"),
    re.compile(r"\b(is|am|are|im|hes|shes|theyre) (overdosing|having an overdose)\b"),
    re.compile(r"\b(took|taken|had|taking) an overdose\b"),
    re.compile(r"(?<!pharmacist )(?<!doctor )(?<!gp )(?<!dr )(?<!nurse )(?<!specialist )\b"
               r"(double dosed|doubled (up|my|his|her|their|the)(?! (water|fluids?|intake|food|exercise|steps|walks?)\b)|"
               r"tripled (up|my|his|her|their|the)|"
               r"triple dosed|overdid (it|my|his|her))\b"),
    re.compile(r"\b(days|weeks|months|day|week|month)s? worth\b|\b(took|taken|swallowed|had)\b.{0,40}\b(days|weeks)\b"
               r".{0,30}\bat once\b"),
    # a child ate or drank something (not a meal)...
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,6}} (ate|eaten|eating|swallowed|swallowd|ingested|injested|chewed|chewing|drank|has eaten|had some|"
               rf"bit into|bitten into|bit through|chewed through|bit (a|one|two|some|the|my|his|her) |nibbled|nibbling|"
               rf"(had|took) a (sip|swig|mouthful|gulp|swallow) of|"
               rf"had (a couple|a few|at least|one|two|three|\d+)|sucked on|sucking on|sucked|licked|licking|grabbed|"
               rf"took (some|a few|several|my|our|a bottle|the bottle|a handful|a bunch|(a|one|an) \w+ from))\b"
               rf"(?! (up )?({_FOODISH})\b)(?! (some|a bit|a piece|a slice|a bite|half|most) of (my|his|her|their|the) {_FOODS}"
               rf"(?!.{{0,15}}\b(and|plus|then|also|with)\b.{{0,30}}\b{_MEDS}))"
               rf"(?!.{{0,40}}\b{_NOT_SWALLOWED})(?! {_OWN_DOSE})"
               rf"(?=(?: up| down)?(?: (?!{_CLAUSE_END}\b)\w+){{0,5}}? ({_MEDS}|some of|some$|a few|several|"
               rf"a couple|a bunch|a handful|the rest|half|\d+|one of|bottle|bottles|gummies|vitamins|patch|patches|"
               rf"liquid|syrup)\b|$)"),
    # someone else's medicine found and eaten, at any age: "he found his dad's X bottle and ate some of the pills"
    re.compile(rf"\b(found|got into|got hold of|opened|grabbed) (my |his |her |their |the |a )?{_WHOSE}\b (\w+ ){{0,2}}?"
               r"(drugx|pills?|tablets?|meds|medication|medicine|bottle|pack|packet|box|tub|jar)\b (\w+ ){0,2}?and (then )?"
               r"(ate|swallowed|took|chewed|had) (some|a few|one|two|three|\d+|them|it|several|a handful|a bunch|the)\b"),
    # ...or got into medicine
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,6}} (got into|got in to|found|(got|gotten|got a|gotten a) ?hold of|"
               rf"got ahold of|got (his|her|their|its) hands on|got the (cap|lid|top) off|opened|getting into|gotten into|"
               rf"got at|gotten at|got to|into)\b"
               rf"(?=(?: (?!{_CLAUSE_END}\b)\w+){{0,5}}? ({_MEDS}|bottle|bottles|"
               rf"cabinet|purse|handbag|bag|pill box|pillbox|organizer|organiser|stash|vitamins|gummies|patch|patches)\b)"
               rf"(?!.{{0,60}}\b{_NOT_SWALLOWED})"),
    # found with medicine: "found my son with the bottle open", "empty packet next to my baby"
    re.compile(rf"\b(found|caught)\b(?: \w+){{0,3}} {_CHILD}\b(?: \w+){{0,2}} (with|eating|chewing|holding)\b"
               rf"(?=(?: \w+){{0,5}}? ({_MEDS}|bottle|packet|pack|patch|blister)\b)"),
    re.compile(rf"\b(empty|open|opened|chewed) ({_MEDS}|bottle|packet|pack|blister)( \w+)? (next to|near|beside|by|with) "
               rf"(my |the |our )?{_CHILD}\b"),
    re.compile(rf"\b(empty|emptied) ({_MEDS} )?(bottles?|packets?|packs?|blisters?|boxes|strips?)( \w+){{0,3}} (next to|near|beside|by|around|"
               r"all over|on the floor|scattered)\b"),
    # someone found with medicine packets open beside them: "found her on the floor ... her X packets open beside her"
    re.compile(rf"\b(bottles?|packets?|packs?|blisters?|boxes|strips?|{_MEDS}) (\w+ )?(open|opened|empty|emptied|ripped open|"
               r"everywhere|scattered) (next to|beside|by|around|near) (him|her|them|me)\b"),
    re.compile(r"\b(overdose|overdosed|od) on \w+ (what|now|help|please)\b"),
    # a child who injected themself, or anyone injected with someone else's pen: "a child i babysit has just injected
    # herself with her moms X pen", "my dad jabbed himself with my wifes insulin"
    re.compile(rf"\b{_CHILD}\b(?: \w+){{0,6}} (injected|jabbed|stabbed|pricked|stuck) (himself|herself|themselves|themself)\b"
               rf"|\b(injected|jabbed|stabbed) (himself|herself|themselves|themself|myself) with (my |his |her |their |the |a )?"
               rf"{_WHOSE}\b"
               # ...or a child who used someone else's injector: "my little brother stuck my dads insulin pen in his leg"
               rf"|\b{_CHILD}\b(?: \w+){{0,4}} (stuck|jabbed|injected|fired|pricked|used) (my|(my |his |her |their |the )?{_WHOSE}) "
               rf"(\w+ ){{0,2}}(pen|needle|syringe|injector|epipen|epi pen)\b(?! (away|back|in the (fridge|drawer|bag|bin|box)))"),
    re.compile(r"\boverdose\b.{0,30}\b(right now|just now|help me|what do i do|what should i do|"
               r"what now|call|hospital)\b"),
    # the wrong insulin injected: one insulin (its names masked, so by its units, its pen or its kind) put in instead
    # of another ("injected X instead of Y 40 units", "my mealtime insulin for my bedtime dose"); a fast insulin's
    # long-acting dose can bring a low sugar within hours, which no model can tell from the masked names
    re.compile(r"\b(injected|jabbed|gave|took|used|did|put|dosed)\b(?=.{0,80}\b(insulin|units?|pens?|basal|bolus|acting)\b)"
               r"(?: \w+){0,6}? instead of (my |his |her |their |the )?(\w+ )?(insulin|drugx|long|basal|slow|rapid|fast|mealtime|"
               r"bedtime|night)\b"
               r"|\b(injected|jabbed|gave|took|used|did|put in|dosed)\b(?: \w+){0,4}? (the )?wrong (insulin|pen)\b"
               r"|\b(rapid|fast|quick|short|mealtime|meal time) (acting )?(insulin|pen|one|drugx)\b(?: \w+){0,3}? "
               r"(for|as|instead of) (my |his |her |their |the )?(long|slow|basal|bedtime|night|night time|nighttime)\b"),
]
# A count of pills taken at once, from four up ("took 10 baclofen", "swallowed twenty").
_COUNT_TAKEN = re.compile(rf"\b(took|taken|swallowed|ate|popped|downed|after taking|since taking) (like |about |around |over |"
                          rf"maybe |almost |nearly )?(\d+|{'|'.join(_NUM_WORDS)})\b(?! ?(mg|mcg|g|ml|"
                          rf"milligrams?|micrograms?|units?|hours?|hrs?|minutes?|mins?|days?|weeks?|"
                          rf"months?|years?|am|pm|oclock|times|doses|puffs|a day|daily|per day|different|kinds|types|rounds|courses))"
                          rf"(?: \w+){{0,3}}")

_BREATHING_ALWAYS = re.compile(
    r"\b(cant|cnt|carnt|cannt|can not|cannot|couldnt|unable to) (breathe|breath|breth|brethe|breathe|get (my |a )?breath|"
    r"catch (my |his |her )?breath)\b"
    r"|\b(not|stopped|isnt|wasnt|barely) breathing\b|\bbreathing (has )?stopped\b|\bgasping\b"
    # a person told blue, with no "turning": "hes blue", "friend is blue", "baby went blue" (not "feeling blue", sad)
    r"|\b(hes|shes|theyre|(he|she|they|baby|child|kid|toddler|son|daughter|friend|husband|wife|partner|dad|mum|mom|"
    r"brother|sister|boyfriend|girlfriend|grandad|grandpa|grandma|nan|man|woman|guy|patient) ((is|are|has|have) )?"
    r"(turned|went|gone|is|are)) (all |totally |really |very |quite |a bit |kind of |kinda )?(blue|bluish|blueish)\b"
    r"(?! (about|lately|these days|since (he|she|they|his|her|their)))"
    r"|\bchoking\b|\b(is|are|im|hes|shes|theyre|was|started|keeps) (turning|going) (blue|grey|gray)\b|\b(lips|face|skin) (are |is |turning |turned |going |look |looks |looking |went |gone |to go |to turn )?(blue|bluish|blueish|purple|purplish|grey|gray)\b|\b(bluish|blueish) (lips|face|skin)\b"
    r"|\b(throat|throte) (is |feels )?(\w+ and )?(closing|closed|tight|swelling|swollen)\b|\b(throat|airway)\b.{0,20}\b(closing|close up|closed up|tightening)\b"
    r"|\b(inhaler|puffer|nebuliser|nebulizer|epipen|drugx) (is not|isnt|not|wont be|doesnt seem to be) (working|helping)\b"
    r"|\bcant get (enough )?air\b|\b(can hardly|can barely|hardly|barely|can only just) (breathe|breath|get (my )?breath)\b"
    r"|\b(fighting|struggling|gasping|desperate) for (breath|air)\b|\bsucking in (under|between) (the |his |her )?ribs\b"
    r"|\b(few|couple of|one or two) words between breaths\b"
    r"|\b(can only|only able to|can just) (say|speak|get out|manage) ([1-4]|one|two|three|four|a few|few) words\b|\bcant (finish|say) (a )?(sentence|sentences|full sentence)\b"
    r"|\bbreathing (about |like |only )?[1-8] times (a|per) minute\b|\b(pink|frothy) (froth|foam|frothy sputum|spit)\b")
_BREATHING = re.compile(
    r"\b(trouble|difficulty|hard|struggling|problems?|hard time) (breathing|to breathe|breathe|breath)\b"
    r"|\bshort(ness)? of breath\b|\bbreathing (is |very |really |so |this |that )*(slow|shallow|weird|labored|"
    r"laboured|hard|difficult|slowly|noisy|rattly|funny|strange|fast|rapid)\b|\bbreathless\b|"
    r"\b(is|am|im|are|keeps|started|been|hes|shes|still|badly|really) wheezing\b|\bwheezy\b|\basthma attack\b|"
    r"\bwheezing (badly|really bad|so bad|a lot|heavily)\b|\band wheezing\b|"
    r"\bwheezing and\b|\bcant stop wheezing\b")
_CHEST = re.compile(
    r"\b(hurts|hurting|pain) in (my|his|her|the) chest\b|\bpain in the (middle|centre|center|left side) of (my|his|her|the) chest\b|\b(chest|cheast|chesst) (pains?(?! (check|checks|clinic|test|tests|scan|appointment|review)\b)|hurts|hurting|is hurting|feels (tight|heavy|crushed)|pressure|tightness|"
    r"is tight|squeezing|(is |keeps |feels |started )?(killing me|crushing))\b|\bpain in (my|his|her|the) chest\b|(?<!not a )(?<!not )(?<!wasnt a )(?<!isnt a )(?<!no )\bheart attack\b|\bcrushing pain\b"
    r"|\b(left )?arm (is |went |going )?numb\b|\bcrushing chest\b|\bchest (to |is being |being |keeps |to feel |feeling )?(crush|crushed)\b"
    # the heart's own signs however worded: "pressure in my chest", "my left arm feels heavy"
    r"|\b(pressure|tightness|heaviness|squeezing|a weight|a tight feeling|a heavy feeling) (\w+ )?(in|on|across) (my|his|her|the) chest\b"
    # ...a heavy or numb left arm beside another sign of the heart (alone it is as often a jab or a slept-on arm)
    r"|\bleft arm (feels |is |went |has gone |gone |is going |feels all )?(heavy|numb|dead|weak|tingly|tingling)\b"
    r"(?=.{0,80}\b(chest|jaw|sweat\w*|clammy|pale|grey|gray|breath\w*|sick|heart)\b)"
    r"|\b(chest|jaw|sweat\w*|clammy|heart)\b.{0,80}\bleft arm (feels |is |went |has gone |gone |is going |feels all )?"
    r"(heavy|numb|dead|weak|tingly|tingling)\b|\bpain in (my |his |her |the )?chest\b"
    r"|\bchest (feels|is) (like|so|very|really) (heavy|tight|an elephant|something)\b|\bchest feels like\b"
    r"|\b(band|pressure|weight|elephant)\b.{0,20}\b(round|around|on|across) (my|his|her) chest\b"
    r"|\bclutching (my|his|her|their) chest\b|\b(heavy|tight|crushing|squeezing) (feeling|pressure|pain|band) (in|on|across) (my|his|her|the) chest\b|\b(heavy|tight) chest\b.{0,40}\b(sick|clammy|sweat\w*|arm|jaw|breath\w*|grey|gray)\b|\bchest (pain|pains)\b.{0,30}\b(arm|jaw|sweat\w*|clammy|grey|gray)\b")
_SEIZURE = re.compile(
    r"\b(seizure|seizures|seizing|(?<!area )(?<!chest )(?<!back )(?<!neck )(?<!muscle )(?<!muscles )(?<!now )(?<!has )seized(?! up| to)|convulsion|convulsions|convulsing|fitting|"
    r"having a fit|had a fit|having fits|(a|another) fit(?! of)(?=.{0,80}\b(just|only just) had one\b)|foaming at (the )?mouth|eyes (are |were |keep |have |had |went |are all )?(rolled|rolling|roll|rolls) (back|up)|"
    r"(body|whole body|arms|legs) (is |are |keeps |keep )?(jerking|stiff and shaking)|"
    r"(is|are|im|hes|shes|went|gone|goes) (all )?(stiff and (jerking|shaking|twitching)|rigid and (jerking|shaking))|"
    r"(shaking|jerking|twitching) (all over|uncontrollably)(?! (hands|when))|(shaking|jerking) and (wont|will not|not) respond|"
    r"on the (floor|ground) (\w+ )?(jerking|shaking|twitching|convulsing)|(jerking|convulsing) on the (floor|ground)|"
    r"(went|gone|goes|going) (all )?(stiff|rigid)\b.{0,40}\b(jerk\w*|shak\w*|twitch\w*|banging|thrashing|flailing))\b")
_ALLERGY = re.compile(
    r"\b(face|throat|tongue|tounge|lips?|mouth|eyes?|eyelids?|neck|cheeks?)( and (my |his |her )?(face|throat|tongue|tounge|lips?|mouth|cheeks?|"
    r"eyes?))? (is |are |has |have |keeps |kept |started |starting |getting |got |feels |feel |went |all )?(suddenly |really |just |badly |so |very |all of a sudden )?(swelling|"
    r"swollen|swelled|swell|swelin|sweling|swellin|puffing|puffed|puffy|closing|blowing up|blew up|blown up|ballooned|"
    r"ballooning)\b"
    r"|\bswelling (of|in|on) (my|his|her|the|their) (face|throat|tongue|lips?|mouth|eyes?)\b"
    r"|\bswollen (face|throat|tongue|tounge|lips?|mouth|eyes?)\b"
    r"|\banaphyla\w*\b|\b(severe|bad|serious|major) allergic reaction\b|\ballergic reaction\b"
    r"|\bhives (all over|everywhere)\b|\bhives\b.{0,40}\b(wheez\w*|trouble breathing|short of breath|swell\w*|throat|faint)\b")
_FAINTING = re.compile(
    r"\b(fainted|fainting|passed out|passing out|pass out|blacked out|blacking out|unconscious|"
    r"unresponsive|collapsed|wont wake|will not wake|cant wake|cannot wake|cant i wake|can i not wake|unable to (wake|rouse)|"
    r"(can|could) (barely|hardly|only just) (wake|rouse) (him|her|them)|cant get (him|her|them) to (wake|stay awake)|"
    r"wont (he|she|they) wake|not waking|hard to wake|"
    r"not responding|cant be woken|wont respond|hard to rouse|cant rouse|cant be roused|wont rouse|cant stay awake|"
    r"cant keep (him|her|them) awake|keep blacking out|going to pass out|about to pass out|"
    r"(hasnt|has not|havent|have not|not|wont|will not|doesnt|didnt) (come|came) (round|around)( again| since| yet)?)\b")
_SELF_HARM_ALWAYS = re.compile(
    r"\bvoices? (\w+ ){0,2}(telling|tell|told|saying|say) (him|her|me|them) to (hurt|harm|kill|cut|end)\b|"
    r"\b(kill myself|killing myself|end my life|ending my life|end it all|take my (own )?life|"
    r"hurt myself|hurting myself|harm myself|harming myself|(?<!if i )(?<!when i )cut myself(?! (shaving|on|while|with|cooking|by))|"
    r"cutting (myself|herself|himself)|wants to die|(goodbye|suicide) (letters?|notes?)|cant (go on|do this) (anymore|any more)|"
    r"(saving|saved|stockpiling|stockpiled|hoarding|collecting) (up )?(my |his |her )?(\w+ )?(pills|drugx|tablets|meds)|"
    r"(pills|drugx|tablets|meds) (\w+ ){0,2}(lined up|laid out|counted out|set out)\b.{0,60}\b(going to|gonna|about to|"
    r"plan to|will) (take|swallow|down) (them|all|every)|"
    r"(swallow|swallowing|take|taking) (them all|all of them|every pill|every tablet|all the pills)"
    r"(?! (together|at the same time|in the (morning|evening)|with (food|water|breakfast|dinner)))|"
    r"thinking (of|about) (jumping|hanging)|(thinking|thought) (of|about) (swallowing|taking|downing) (the lot|them all|"
    r"everything|all (my|of my|of them|the)|the whole)|(the )?(night|day|time) (i|to) end it|"
    r"(want|wnat|wamt|wan) (to|too) die|wanna die|want to be dead|better off dead|dont want to (live|be alive|be here|"
    r"wake up)|do not want to (live|be alive|wake up)|no reason to live|not worth living|"
    r"nothing (left )?to live for|(wrote|written|writing|left) (\w+ ){0,2}(goodbye |farewell )?(letters|notes) (to|for) "
    r"(my|his|her|the) (family|kids|children|wife|husband|mum|mom|parents)|(said|saying) goodbye to (my|his|her) "
    r"(kids|children|family|wife|husband|parents|mum|mom|dad)\b(?=.*\b(drugx|pills|tablets|meds)\b)|"
    r"suicide attempt|attempted suicide|commit suicide|(going to|plan to) kill (myself|me)|"
    r"kill (himself|herself|themselves)|killing (himself|herself|themselves)|end (his|her|their) life|"
    r"(texted|sent|left|wrote|found) (me )?(a |her |his )?(goodbye|note|letter)\b.{0,80}\b(took|swallowed|taken|"
    r"empty|emptied)|"
    r"(cant|cannot|can not) (cope|go on|take it|take this|do this)( \w+){0,3} (and|with) (i have |have |got |holding )?"
    r"(a |the |my )?(bottle|bottles|stash|box|pills|tablets|drugx)|"
    r"(want|need|wish) (it all|everything|all of it|it) to (stop|end|be over)(?! (hurting|itching|burning|aching))|"
    r"(better|happier|easier) (off )?(without me|if i (was|were) (gone|dead|not here|not around|never born))|"
    r"(go to sleep|fall asleep|sleep|close my eyes) and (never|not) wake up|"
    r"(never|not) (to )?wake up again|wish i (was|were) (dead|gone|never born)|wish i could (die|disappear)|"
    r"(im |i am |so |just )?done with (life|living|everything|it all)\b(?! (on|in|for|at|from|else|now that|i need))|"
    r"(no|dont see the|dont see any|do not see the|cant see the|cant see any) point (in |of )?(living|going on|being here|"
    r"anymore|any more)|(say|saying|said|texted|text) (my )?goodbyes? (to everyone|forever)|"
    r"(going to|gonna|plan to|planning to|want to|about to|ready to|decided to|thinking (about|of)) "
    r"(end|ending) (it|it all|things|everything)\b(?! with (my|his|her|a|the) (boyfriend|girlfriend|partner|husband|"
    r"wife|ex|bf|gf|job|friend)))\b")
_SELF_HARM = re.compile(r"\b(suicide|suicidal|self harm|selfharm|self harming|self injury)\b")
_SELF_HARM_PERSONAL = re.compile(
    r"\b(i|im|ive|i am|i feel|i have been|i keep|my (son|daughter|husband|wife|partner|friend|child|kid|"
    r"mom|dad|brother|sister|boyfriend|girlfriend)|he|she|hes|shes|they)\b(?: \w+){0,4} "
    r"(suicid\w*|self harm\w*|thinking about (suicide|ending|dying|killing|overdosing))")
_LETHAL = re.compile(
    r"\b(how many|how much|the most|enough|what amount|what dose|which dose)\b.{0,60}\b(to die|kill (me|myself|someone|a person|you)|to be dead|"
    r"lethal|fatal|to od|to overdose|to end it|end my life|never wake up|not wake up)\b"
    r"|\blethal (dose|amount)\b|\b(fatal|deadly) (dose|amount)\b"
    r"|\b(amount|number|dose) of \w+ (that )?(would|will|could|to) (kill|end)\b")

_ALL_MINE = re.compile(r"\b(i|me) (took|take|swallowed|swallow|ate|had) (all|every one|everything|the whole|the rest)\b"
                       r"(?: \d+)? (of )?(my|mine|the pills|the bottle)\b")
# Signs that need an ambulance whatever caused them.
_STROKE = re.compile(
    r"\b(speech is |talking |words are )?slurr(ed|ing) (speech|words|her words|his words|my words)\b|\bspeech is slurred\b"
    r"|\b(slurring|slurred)\b|\bcant (feel|move) (my|his|her) (face|arm|leg|side)\b|\b(face|mouth|smile) "
    r"(is |are |has |started |looks |looked |seems |went |gone )?(drooping|droopy|dropped|lopsided|numb|gone numb)\b|\bone side of (my|his|her) "
    r"(face|body)\b|\bstroke (symptoms )?(right )?now\b|\bhaving a stroke\b"
    r"|\b(weak|weakness|numb|numbness|tingling|paralysed|paralyzed) (down|on|in) (one|my left|my right|his left|his right|"
    r"her left|her right|the left|the right|left|right) side\b|\b(cant|couldnt|could not|cannot|can not|unable to) (lift|raise|move|use) (my|his|her) (left |right )?(arm|leg|hand)\b"
    r"|\bcant (speak|talk) (properly|right|clearly)\b|\b(cant|couldnt|could not|cannot) get (her|his|my|the|their) words out\b"
    r"|\b(hand|arm|leg) (suddenly )?(went|gone|is|has gone|has gone all) (useless|dead|limp|floppy)\b|\bwords (come|are coming|came) out (wrong|jumbled|muddled)\b"
    r"|\btalking (gibberish|nonsense)\b|\bcant find (my|his|her) words\b|\b(smile|mouth) is (crooked|twisted|lopsided)\b"
    r"|\bcrooked smile\b|\bdrooling (on|out of) one side\b|\b(loss of|lost|losing) (the )?(vision|sight) in one eye\b"
    r"|\bsudden(ly)? (\w+ ){0,3}(vision loss|loss of (vision|sight)|lost (my |the |all )?(vision|sight)|blind|cant see|"
    r"seeing double|double vision|dizziness|cant walk)\b"
    r"|\b(lost|loss of|losing|lose|no) (\w+ ){0,2}(vision|sight) (in|of|from|out of) (one|my|his|her|the) (left |right )?eye\b"
    r"|\b(went|gone|going|turned|goes) (black|dark|dim|blank|grey|gray)\b.{0,20}\bin (one|my|his|her|the) (left |right )?eye\b"
    r"|\b(woke up|went|gone|going|suddenly|just) (\w+ ){0,2}blind in (one|my|his|her|the) (left |right )?eye\b|\bcurtain (came|coming|come|fell|falling) (down )?(over|across)\b"
    r"|\b(blurry|blurred|dark|black|lost|gone|went dark|went black|dim)( vision)? in one eye\b"
    r"|\bspeech (went|is|has gone|gone|sounds|became|going) (all )?(funny|strange|weird|odd|garbled|muddled|wrong|slurry|"
    r"slushy|drunk)\b|\b(left|right) (hand|arm|leg) (wont|cant|will not|can not|cannot|doesnt|does not) (grip|move|lift|work)\b"
    r"|\b(face|mouth|smile)\b.{0,30}\b(on one side|one sided)\b"
    r"|\b(left|right|one) side of (my|his|her|their) (body|face) (has |is |went |gone |feels )*(weak|numb|heavy|floppy|droopy|dead)\b"
    r"|\b(sudden|worst|thunderclap)( \w+){0,2} headache\b|\bworst headache of (my|his|her) life\b"
    # "she is weak in her right arm", "a droop as well on the same side of her face"
    r"|\b(weak|weakness|numb|numbness|heavy|floppy|tingling) in (my|his|her|their) (left|right) (arm|leg|hand)\b"
    # "since supper his hand is clumsy and useless", "his talking is muddled"
    r"|\b(arm|hand|leg) (is |went |has gone |feels )?(suddenly )?clumsy and (useless|heavy|weak|numb|dead|floppy)\b"
    r"|\b(talking|speaking) (is |went |has gone |sounds )?(all )?(muddled|garbled|jumbled|slurred)\b"
    r"|\bdroop\b(?: \w+){0,6}? (on|of) (the )?(same |one |left |right )?side of (my|his|her|their) (face|mouth)\b")
_UNRESPONSIVE = re.compile(
    r"\b(floppy|limp|unrousable|unrouseable|wont answer( me)?|not answering|doesnt respond|does not respond|(not|wont|cant|isnt|doesnt) making (much |any )?sense|(wont|doesnt|cant) make (any )?sense|"
    r"(cant|cannot|can not) get (much |any )?sense out of (him|her|them)|"
    r"(gone|went|turned|turning|looks|look|is|are) (a )?(grey|gray|ashen|greyish|grayish)( colour| color)?(?! hair)|"
    r"cant keep (his|her|their|my) eyes open|snoring (weird|strange|loud|funny)|gurgling|pinpoint pupils|"
    r"lips (are |turning )?blue|tiny pupils|pinned pupils|pupils (are )?(tiny|pinpoint|pinned)|seeing things|hallucinating|blue around (the|his|her|their) (mouth|lips)|"
    r"(nodding|nodded) (off|out)\b.{0,40}\b(breathing|breath|wont wake|cant wake))\b")
_SWALLOW = re.compile(
    r"\b(cant|cannot|can barely|barely|can hardly|hardly|unable to|struggling to) swallow\b(?! (pills?|tablets?|"
    r"capsules?|it|them|the|drugx|large|big|my (pills?|tablets?|capsules?|meds|drugx)))"
    r"|\b(tongue|tounge|lips?|face|throat) (is |are |looks |feels |is getting |are getting |getting |has gone |have gone |went )?"
    r"(suddenly |really |so |all of a sudden )?"
    r"(huge|massive|enormous|twice (the|its) size|so big)\b")

# stroke signs a dentist's numbing does not explain (it may slur speech and droop a lip): a limb, one side of the body, sight
_STROKE_BEYOND_MOUTH = re.compile(r"\b(arm|leg|hand|side of (my|his|her|their) body|vision|sight)\b")

# Marks of a general question: "can X cause...", "is X used for...", "what happens if...".
_GENERAL = re.compile(
    r"\b(can|could|does|do|will|would|may|might|is|are|should)\b.{0,60}\b(cause|causes|causing|"
    r"make (you|your|me|my|people|someone|them)|(make|makes|making) (\w+ ){0,2}(worse|more likely|more often|"
    r"more frequent)|side effects?|risk|risks|used (for|to)|use (for|to)|treat|"
    r"treats|help(?!$| (please|pls|asap|quick|quickly|urgently)\b)|helps|good for|prescribed for|trigger|triggers|lead to|increase|worsen|raise|"
    r"lower|prevent|prevents|happen|happens|occur|occurs)\b"
    r"|\b(what happens|what would happen|what if|what to do if|what do (i|you) do if|what should (i|you) "
    r"do if|if (i|you|someone|somebody|a person|he|she|they|my \w+) (take|takes|took|get|gets|have|has|"
    r"had|ever|accidentally|were|was|miss|misses|missed|skip|skips|stop|stops|forget|forgets))\b"
    r"|\b(signs|symptoms|sign|symptom|history|prevention|preventing|prevent) of\b"
    r"|\b(risk|risks|chance|chances|odds|likely|likelihood|common|rare|threshold)\b"
    r"|\b(for|with|treat|treating|prevent|preventing) (seizures|epilepsy|fits|asthma|angina|"
    r"chest pain|shortness of breath|heart attacks?|convulsions)\b"
    r"|\b(has|have) epilepsy\b|\b(usually|normally|often) (has|have|gets|get) (\w+ )?seizures\b"
    r"|\b(i have|he has|she has|ive had|i had|history of|prone to|diagnosed with) (epilepsy|seizures|"
    r"a seizure disorder|asthma|angina|a heart attack|heart attacks)\b"
    r"|\b(is it|is that|are they) (safe|ok|okay)\b|\bsafe (for|to|if|with)\b"
    r"|\b(after|since|following) (a |my |his |her )?(heart attack|seizure|stroke)\b"
    r"|\b(stop|stops|stopped|control|controls|controlling|reduce|reduces|help with|helps with|work for|"
    r"works for|get rid of) (my |his |her |the |your )?(seizures|seizure|fits|convulsions|chest pain|angina|"
    r"asthma attacks?)\b"
    r"|\b(years|months|a year|a while|long time|decades) ago\b|\blast (year|month)\b"
    r"|\bas a (kid|child|teen|teenager|baby)\b|\bin the past\b"
    r"|\b(seizure|epilepsy|asthma|heart|chest pain|allergy|breathing) (med|meds|medicine|medicines|medication|"
    r"medications|drug|drugs|pill|pills|tablets)\b"
    r"|\b(warning|warnings|boxed|black box|label|advert|adverts|advertisement|advertisements|ads|commercial|commercials)\b"
    # asked about someone in general: "could it hurt a person who turns out to have fainted"
    r"|\b(can|could|would|will|might|may|does|is it)\b.{0,40}\b(a person|someone|somebody|anyone|people|a patient|patients) who\b"
    r"|\b(watch|watching|look out|looking out|keep an eye|monitor|monitoring) (for|out for|on)\b"
    r"|\b(do|does) (people|patients|most people|a person|someone|kids|children)\b"
    r"|\bwhat (helps|is good for|works for|is best for|treats|can help|relieves|eases)\b"
    r"|\b(can|could|does|do|will|would|may|might)\b.{0,40}\b(relieve|relieves|ease|eases|soothe|soothes)\b"
    r"|\b(can|could|does|do|will|would|may|might)\b.{0,40}\b(make|makes|cause|causes)\b (\w+ ){0,2}(suicidal|depressed)\b"
    r"|\bhow (is|are|do you|to|does|can) (\w+ ){0,3}(treated|treat|diagnosed|diagnose|prevent|prevented|caught|catch|"
    r"get|cured|cure)\b|\b(what|which) (causes|cause|is the treatment|treatments?)\b|\b(does|do) any damage\b"
    r"|\barticle on\b|\b(early|first|initial) symptoms\b|\b(mean|means|meaning|leaflet)\b"
    r"|\b(treatment|treatments|prevention|resources|information|info|medicine list|names)\b"
    r"|\b(better|another|different|alternative) (medicine|drug|medication|treatment)\b"
    r"|\b(asked|asks|ask|check|checked) (me )?(if|whether)\b|\bif (i|you|he|she|they) ever\b"
    r"|\b(what|how) (does|do|is|are|would|will) (an? |the )?(\w+ ){1,3}(look|feel|sound) like\b"
    r"|\bhow (do|would|can|will|does) (you|i|we|they|one|someone) (know|tell)\b|^(what|whats) (is|are)\b"
    r"|\b(well |under )?controlled\b"
    r"|\bwhen(ever)? (i|he|she|they|we) (have|has|get|gets|got) (a |the )?(cold|colds|flu|virus|chest infection|"
    r"period|migraine|hay fever|cough)\b"
    r"|\bif (i|you|he|she|they|someone|my \w+) (hit|hits|fall|falls|fell|bump|bumps|cut|cuts|bleed|bleeds|have|has)\b")
# A time long past that opens a story ("last year he had a mild rash on X, nothing much. Today his face swelled
# up"): history told first, which makes no question general when the message goes on to today or now (a sign
# told beside the history itself is still history: `_told_as_past`)
_LONG_AGO = re.compile(r"(years|months|a year|a while|long time|decades) (ago|a go|back)|last (year|month)|as a (kid|child|teen|"
                       r"teenager|baby)|in the past")
_TODAY = re.compile(r"\b(today|tonight|this (morning|afternoon|evening)|right now|just now|now|at the moment|currently|"
                    r"(an|\d+|a few|few|two|three|couple of) (minutes?|mins?|hours?|hrs?) ago)\b")


# "is this a side effect" asks of a sign just told ("chest feels like an elephant sitting on it, is this a side effect")
_ASKED_OF_IT = re.compile(r"\b(is|could|can|might) (this|that) (be )?(a |an |the )?(\w+ )?(side effects?|reaction)\b")
# Care put off to later ("he'll mention it to his GP next week", "thinking of waiting till the GP opens tomorrow"):
# "is that ok" asked of such a plan asks about something happening now, never in general
_PUT_OFF = re.compile(r"\b(wait|waiting|hold off|holding off|leave it|leaving it|mention it|mention this|tell|see|ring|call|"
                      r"phone)\b.{0,30}\b(till|until|next (week|month|time)|tomorrow|monday|tuesday|wednesday|thursday|"
                      r"friday|saturday|sunday|the weekend|(gp|doctor|surgery) opens|(his|her|my|their) (appointment|review|"
                      r"check ?up))\b|\b(wait it out|wait and see|see how (it|he|she|they) goes)\b")
_IS_IT_OK = re.compile(r"(is it|is that|are they) (safe|ok|okay)")


def _asked_in_general(t: str, sign_told: bool = False) -> bool:
    """The question asks in general ("can X cause seizures", "a seizure years ago"), not of a history told
    first and then something today, nor of a plan to put off care ("is that ok"); sign_told: nor of a grave sign
    told and then asked about ("is this a side effect")."""
    put_off = _PUT_OFF.search(t) is not None and not _MILD.search(t)  # "mild tightness when i run ... next week" asks
    return any(not (_LONG_AGO.fullmatch(m.group(0)) and _TODAY.search(_DURATION_NOW.sub(" ", t[m.end():])))
               and not (sign_told and _ASKED_OF_IT.search(m.group(0)))
               and not (put_off and _IS_IT_OK.fullmatch(m.group(0))) for m in _GENERAL.finditer(t))


_NOW = re.compile(r"\b(now|right now|just|currently|at the moment|started|starting to|having|is having|"
                  r"(is|are|am|im) (swelling|puffing up|closing up|closing|blowing up|ballooning)|"
                  r"(is|are|hes|shes|theyre) (\w+ )?on the (floor|ground) (\w+ )?(jerking|shaking|twitching|convulsing)|"
                  r"(is|are|hes|shes|theyre) (turning|going) blue|"
                  r"am having|im having|keeps|(?<!get )(?<!seek )(?<!emergency )(?<!medical )help(?! if)|please help|after (taking|my|his|her|the)|since|"
                  r"(been|is|hes|shes|still) (fitting|seizing|convulsing)|"
                  # a sign lasting minutes, or not letting up: "crushing chest pain for 20 minutes, not easing"
                  r"for (the (last|past) )?(over )?(\d+|a few|few|ten|fifteen|twenty|thirty|forty) (minutes|mins)|"
                  r"(not|isnt|wont|hasnt|is not|will not|has not) (easing|eased|stopping|stopped|settling|settled|letting up))\b")


# what blood vomited looks like: "coffee grounds", "used coffee", "brown grainy stuff"
_COFFEE_GROUNDS = (r"(coffee ?(grounds?|granules|dregs)|like (used|wet|old|stale) coffee|(dark )?brown (grainy|gritty)|"
                   r"(grainy|gritty) (dark )?brown)")
# Bleeding that will not stop, blood vomited or passed, a head knock on a blood thinner.
_BLEEDING = re.compile(
    r"\b(cant|can not|cannot|wont|will not|doesnt|does not|isnt|not) (stop|stopping) (the )?(bleeding|bleed)\b"
    r"|\bbleeding (that )?(wont|will not|doesnt|does not|isnt going to|keeps|has not|hasnt) (stop|stopped|going)\b"
    r"|\b(bleeding|bleed|bled) (nonstop|non stop|for hours|all day|heavily|a lot|through)\b"
    r"|\b(peeing|pee|urine|urinating|pissing) (is )?(pure |bright |dark )?(red |bloody )?blood\b|\bblood in (my|his|her) (pee|urine)\b.{0,40}\b(faint|lightheaded|dizzy|weak)\b"
    r"|\b(vomiting|vomitting|vommiting|vomited|vomitted|throwing up|threw up|throw up|puking|puked|coughing up|coughed up|spitting up) "
    r"((\w+ ){0,3}blood|(\w+ ){0,4}coffee grounds?)\b"
    r"|\b(vomit\w*|threw up|throwing up|been sick|being sick|sicked up) (\w+ ){0,4}(dark brown|black|coffee|bloody)\b"
    r"|\b(vomit\w*|threw up|throwing up|throw up|puk\w*|sick|brought up|bringing up)\b.{0,40}\b(like|looks like|looked like|"
    r"full of|streaks of|bits of|flecks of|specks of|traces of) (\w+ )?blood\b(?! (sugar|sugars|pressure|tests?|thinners?|"
    r"clots?|work|levels?|glucose|count))"
    # blood told by its look, however far the words apart: "threw up twice tonight and it looked like coffee grounds"
    rf"|\b(vomit\w*|vomm?it\w*|threw up|throwing up|throw up|thrown up|puk\w*|sick|brought up|bringing up)\b.{{0,80}}"
    rf"\b{_COFFEE_GROUNDS}\b|\b{_COFFEE_GROUNDS}\b.{{0,40}}\b(vomit\w*|threw up|throwing up|puk\w*|sick)\b"
    r"|\b(bleeding|bleed|blood)\b.{0,60}\b(wont|will not|doesnt|does not|cant get it to|cant make it) stop\b"
    r"|\b(bleeding|bleed|blood)\b.{0,40}\b(nonstop|non stop)\b"
    r"|\b(a lot of|lots of|so much|loads of) blood in (my|his|her|the) (pee|urine|wee|stool|poo|vomit|sick)\b"
    r"|\bblood in (my|his|her) (vomit|sick)\b"
    r"|\b(nosebleed|nose bleed|bleeding|bled|bleed|gushed|gushing|poured|pouring)s? (\w+ ){0,4}for (over |more than |nearly |about |almost )?"
    r"(an hour|hours|(\d+|two|three|several) hours|([2-9]\d|1\d\d) (minutes|mins))\b"
    # the same told with no "for": "nose bleed 2 hours on X", "nosebleed been going 90 minutes", "a 2 hour nosebleed"
    r"|\b(nosebleed|nose bleed|nose bleeding|bleeding|bleed)s? (\w+ ){0,2}(over |more than |nearly |about |almost )?"
    r"(an hour|hours|(\d+|two|three|several) hours|([3-9]\d|1\d\d) (minutes|mins|min))\b(?! (after|ago|later|before|apart))"
    r"|\b(\d+|two|three|several) hours? (long )?(nosebleed|nose bleed)\b"
    r"|\b(cut|wound|gash|bleed\w*|blood|nose|finger|hand|arm|leg|lip|gum|gums)\b.{0,60}\b(still|keeps|keep|is|its|wont stop) "
    r"(pouring|gushing|streaming|spurting|pumping|dripping blood|soaking)\b"
    r"|\b(cut|wound|gash|graze)\b.{0,40}\b(wont stop|will not stop|keeps|keep|still) (dripping|seeping|oozing)\b"
    r"|\b(soaked|soaking|bled through) (a |the |two |three |\d+ )?(towels?|tissues?|cloths?|bandages?|plasters?|dressings?)\b|\b(wont|will not|isnt|is not|not|doesnt|does not) clot(ting)?\b"
    r"|\bblood (is )?(pouring|gushing|streaming|pumping|spurting)\b|\b(pouring|gushing) (out )?blood\b"
    # "the blood is comming out from his mouth when he coughs"
    r"|\bblood (is |keeps |has been |started )?(coming|comming|running|pouring) (out )?(of|from) (my|his|her|their|the) "
    r"(mouth|nose|ears?|gums|bum|bottom|back passage)\b"
    r"|\b(coughing|spitting|coughed|spat)( up)? (\w+ ){0,2}(blood|clots)\b|\b(stool|stools|poo|poop)s? (\w+ ){0,2}like tar\b|\b(pooping|passing|pooing|peeing|weeing) (\w+ ){0,4}blood\b"
    r"|\bblood (vomit|vomiting|puke|sick)\b|\brectal bleeding\b|\bbleeding from (my|his|her) (bum|bottom|back passage|rectum|ears?)\b|\bblood in (the )?(toilet|vomit|sick)\b"
    r"|\bsoaking (a|through|one) (pad|pads|tampon|tampons)\b"
    r"|\b(pee|wee|urine|piss) (is|has gone|turned|looks) (red|pink|bloody|brown)\b.{0,40}\b(faint|lightheaded|dizzy|weak|pale|on drugx|thinner)\b"
    r"|\bblood in (my|his|her) (pee|urine|wee)\b.{0,40}\b(faint|lightheaded|dizzy|weak|pale)\b"
    r"|\b(huge|big|large|spreading|growing) (swollen )?bruises?\b.{0,50}\b(faint|lightheaded|dizzy|weak|pale|spreading|growing)\b"
    r"|\b(black|tarry|bloody) (tarry |sticky |runny |loose |smelly )?(stool|stools|poop|poo|bowel movements?)\b"
    r"|\b(pooing|pooping|passing) (\w+ ){0,2}(black|tarry)\b|\bblood in (my|his|her|the) (poo|poop|stool|stools)\b"
    r".{0,40}\b(faint|lightheaded|dizzy|weak|pale|lots|a lot)\b"
    r"|\b(stool|stools|poop|poo|bowel movements?) (is|are|has been|have been|looks?|turned|came out|went|gone|has gone) "
    r"(\w+ )?(black|tarry|bloody)\b"
    r"|\b(nosebleed|nose bleed|nose bleeding|bloody nose)s? (that )?(wont|will not|doesnt|does not|isnt|cant|"
    r"hasnt|has not|is not) (stop|stopped|stopping|going away)\b"
    r"|\b(hit|hitting|bumped|banged|knocked) (my|his|her|their) head\b(?=.{0,80}\b(confused|sleepy|drowsy|"
    r"vomit\w*|throwing up|terrible headache|worst headache|bad headache|not making sense|wont wake)\b)"
    r"|\bpoo (has gone|is|turned) (black|tarry|like tar)\b|\bpoo is black\b")
_BLOOD_VOMITED = re.compile(rf"\b{_COFFEE_GROUNDS}\b|\b(vomit\w*|threw up|throwing up|throw up|puk\w*|coughing up|coughed up|"
                            r"spitting up)\b.{0,40}\bblood")
# A knock on the head on a blood thinner (or any medicine named): a scan is needed the same day.
_HEAD_INJURY = re.compile(r"\b((hit|hitting|bumped|banged|knocked|bashed|smacked|struck) (my |his |her |their |the )?head|"
                          r"(hit|bumped|banged|knocked|struck|kicked|punched) (in|on) the head|"
                          r"(?<!no )head injury|(fell|had a fall|fallen|slipped)\b.{0,40}\bhead)\b")
_RED_URINE = re.compile(r"\b(pee|wee|urine|piss)( is| has gone| turned| looks| is coming out)( bright| dark)? (red|bloody)\b")
# after a knock to the head: "a headache that keeps getting worse", "threw up once", "drowsy"
_HEAD_WORSE = re.compile(r"\b(headache|head|pain)\b(?: \w+){0,4} (worse|worsening)\b|\b(threw up|throwing up|vomit\w*|been sick|"
                         r"being sick|drowsy|confused|very sleepy|cant stay awake|slurr\w*)\b")
_THINNER = re.compile(r"\b(drugx|blood thinners?|anticoagulants?|thinners?|inr)\b")
_INR = re.compile(r"\binr (is |was |of |at |came back |came back at |reading )*(\d+)\b")
# Very low blood sugar: a reading under the catalogue's critical value (54 mg/dL), or a low with confusion or collapse.
_SUGAR_READING = re.compile(r"\b(blood sugar|sugar|sugars|glucose|bg|bs|reading|meter|glucometer|monitor|cgm|libre|dexcom)"
                            r"( level| reading)? (\w+ ){0,4}?(is |was |of |at |reads |reading |to |says |shows |showed |now )?"
                            r"(\d{1,3}|lo|low)( \d)?\b(?! ?(units|mg(?! ?dl)|hours|hrs|times|days|a day|pm|am|oclock))")
_LOW_SUGAR = re.compile(
    r"\b(low (blood )?sugar|hypo|hypoglycemia|hypoglycaemia|sugar (is |was )?(very |really |so )?low|sugar crash)\b"
    r".{0,60}\b(passing out|passed out|pass out|confused|confusion|wont wake|cant wake|unconscious|seizure|"
    r"not making sense|wont answer|fainted|collapsed)\b"
    r"|\bdiabetic\b.{0,30}\b(unconscious|passed out|wont wake|collapsed|unresponsive)\b"
    r"|\b(hypoglycaemic|hypoglycemic|hypo|having a hypo|low sugar)\b.{0,40}\b(vomiting|throwing up|cant keep|wont come up|"
    r"cant get (it|my sugar|his sugar|her sugar) up|keeps dropping|still dropping|not coming up)\b"
    r"|\b(acting|seems|looks) (drunk|confused|strange|weird)\b.{0,60}\b(sweaty|sweating|clammy|shaky)\b"
    r"|\b(sweaty|sweating|clammy|shaky)\b.{0,40}\b(acting|seems|looks) (drunk|confused|strange|weird)\b")
# Several signs at once: serotonin syndrome, lithium or other toxicity ("shaking, sweating,
# heart pounding and confused"). Three kinds of sign together, or "toxic" with one.
_SIGN_GROUPS = [
    re.compile(r"\b(high fever|fever|feverish|very hot|burning up|temperature|temp|hot|dilated pupils)\b"),
    re.compile(r"\b(sweating|sweaty|drenched|sweat)\b"),
    re.compile(r"\b(shaking|shaky|shake|shakes|tremor|tremors|tremble|trembles|trembling|twitching|twitch|twitchy|"
               r"jerking|jerky|jerks|stiff|rigid|clonus|shivering|spasms|spasm|clenching|tremor|trembling)\b"),
    re.compile(r"\b(confused|confusion|agitated|agitation|slurring|slurred|stumbling|staggering|unsteady|cant walk|"
               r"hallucinating|delirious|not making sense|disoriented|talking nonsense|keeps falling|falling over|"
               r"cant stand|wobbly|muddled|restless|drowsy|blurred vision|cant think straight|so dizzy)\b"),
    re.compile(r"\b(vomiting|throwing up|puking|diarrhea|diarrhoea|the runs|being sick|been sick)\b"),
    re.compile(r"\b(heart (is )?(racing|pounding|galloping|going crazy)|racing heart|pounding heart|"
               r"heart rate (is )?(very )?high)\b"),
    re.compile(r"\bbreathing (is )?((really|very|so) )?(fast|rapid|deep|heavy|hard)( and (deep|fast|heavy))?\b"),
]
# The signs belong to someone named, not to a question in general: "confusion in my son who is on X", "my dad has
# been vomiting all day" (a question about the cause asked first does not make them general)
_SIGNS_IN_PERSON = re.compile(r"\b(in|with) (my|our) (\w+ ){0,2}?(\w+)\b( who| that)?\b"
                              r"|\bmy (\w+ ){0,2}?\w+ (has been|is|keeps|is being|has|cant|wont)\b")
_SUGAR_CONTEXT = re.compile(r"\b(insulin|diabetic|diabetes|type 1|type one|hypo|sugar|sugars|glucose)\b")
_HYPO_SIGN = re.compile(r"\b(shaking|shaky|sweat\w*|pale|clammy|drowsy|sleepy|dizzy|faint|trembling|wont eat|wont drink)\b")
_MIXED = re.compile(r"\b(after|since) (mixing|combining|adding|taking \w+ (with|and) \w+)\b"
                    r"|\b(on|taking|takes|with|after|since|started|starting) (my )?drugx (and|with|plus) (my )?drugx\b"
                    r"|\b(drugx|dose) (was |went |got )?(increased|went up|upped|raised|doubled)\b")
# on a medicine with two kinds of sign, told without softeners ("a bit", "sometimes")
_ON_MEDICINE = re.compile(r"\b(on|taking|takes|after|since|started) (my |his |her |the |a |an )?(new )?(drugx|antidepressant|"
                          r"tablets|pills)\b|^drugx and\b")
_MILD = re.compile(r"\b(a bit|a little|bit of|slightly|sometimes|mild|mildly|now and then|occasionally|at times|"
                   r"is (that|this|it) normal|normal for)\b")
_LEVEL = re.compile(r"\blevel (is |was |of |at |came back |came back at |reading )*([1-9]) (?:point )?([0-9])\b")
# A potassium result told at the lab-test catalogue's "act now" critical values (`critical_value`): the heart may stop,
# whatever is felt. Normalised, "7.1" is "7 1".
_POTASSIUM = re.compile(r"\bpotassium (level |levels |result )?(is |was |of |at |came back |came back at |showed |shows |reading |"
                        r"read |now |still |up to |down to )*([1-9])(?: point| ([0-9]))?\b(?! ?(mg|meq|tablets?|pills?|tabs?|capsules?|times|"
                        r"a day|daily)\b)")
# A medicine that can take away the white cells that fight infection (clozapine's, carbimazole's and methotrexate's labels
# warn of it first), with a fever and a sore throat, mouth sores or an infection, or with mouth ulcers and bruising or
# bleeding gums (methotrexate's toxicity): a blood count the same day. Read on the unmasked text, where the name stands.
WHITE_CELL_CLASS = "white-cell-lowering"  # the class in data/drug-classes.yaml, cited from the labels


@cache
def _lowers_white_cells() -> re.Pattern[str]:
    """The names of the medicines that can take away the white cells, as a normalised question writes them."""
    from healthlib.readers.drug_classes import builtin_drug_classes

    c = builtin_drug_classes()[WHITE_CELL_CLASS]
    names = sorted({n for name in (*c.members, *c.names) for n in (name, name.replace("-", " "))}, key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b")


_INFECTION_FEVER = re.compile(r"\b(fever|feverish|temperature|temp|high temp|shivering|shivers|chills|rigors|burning up|"
                              r"(temp|temperature|fever) (of |is |was |at )?(3[89]|10[0-9]))\b")
_INFECTION_CHILLS = re.compile(r"\b(shivering|shivers|shakes|shaking|chills|rigors|(3[89]|10[0-9])( \d)?( ?(c|f|degrees))?)\b")
_INFECTION_SITE = re.compile(r"\b(sore throat|throat (is |so |very |really )*(sore|raw|killing)|(mouth|tongue) (sores|ulcers)|"
                             r"(sores|ulcers) (in|on|all over) (my|his|her|their|the) (mouth|tongue|gums)|mouth (is )?full of "
                             r"(ulcers|sores)|infection|cant swallow|can not swallow|bleeding gums|gums (are )?bleeding)\b")
_CELLS_BRUISED = re.compile(r"\b(bruis\w*|bleeding gums|gums (are |keep )?bleeding|nosebleeds?|nose bleeds?)\b")
_MOUTH_ULCERS = re.compile(r"\b((mouth|tongue) (sores|ulcers)|(sores|ulcers) (in|on|all over) (my|his|her|their|the) (mouth|tongue)|"
                           r"mouth (is )?full of (ulcers|sores))\b")
# signs only watched for or supposed: "what should we watch for, fever or a sore throat", "if she gets a fever"
_WATCHED_FOR = re.compile(r"\b(if|when|whenever|should (he|she|i|you|they) (get|have|develop)|watch|watching|look out|"
                          r"looking out|signs of|symptoms of|warning|warned|warns|in case|what (would|should|do)|"
                          r"should (i|we) (look|watch))\b")


def white_cells_gone(text: str) -> RedFlag | None:
    """A fever with a sore throat, mouth sores or an infection (or mouth ulcers with bruising) in someone on a medicine
    that can take away the white cells (`text` normalised, names unmasked); not when only watched for or supposed."""
    if not _lowers_white_cells().search(text):
        return None
    fever, site = _INFECTION_FEVER.search(text), _INFECTION_SITE.search(text)
    mouth, bruised = _MOUTH_ULCERS.search(text), _CELLS_BRUISED.search(text)
    sign = fever and (site or _INFECTION_CHILLS.search(text, fever.end()) or _INFECTION_CHILLS.search(text[:fever.start()])) or (
        mouth and bruised)
    if not sign:
        return None
    first = min(m.start() for m in (fever, site, mouth, bruised) if m is not None)
    told = _TODAY.search(text) or _STILL.search(text) or re.search(
        r"\b((my|his|her|their) (mouth|throat|gums|temp|temperature|fever)|since|i have|ive got|he has|hes got|she has|shes got|"
        r"i am|im|he is|hes|she is|shes|(has|have) been)\b", text[max(0, first - 40):])
    asked = _WATCHED_FOR.search(text[:first]) or _asked_in_general(text) or _PAST.search(text)
    if asked and not told:
        return None
    return RedFlag("fever", sign.group(0))


# A pulse far out of range, with a sign that it matters (or extreme on its own).
_PULSE = re.compile(r"\b(pulse|heart rate|heartrate|hr|heart|heartbeat) (is |was |of |at |going |racing at |rate |reads |"
                    r"down to |up to |to go at |to beat at |to be |being |dropping to |dropped to |dropping |fallen to |fell to |falling to |gone down to |shot up to |keeps going |now |pounding at |beating at |pounding |racing |really |very |slow |fast |over |above |"
                    r"below |under |around |about |irregular |weak |thready )*"
                    r"(\d{2,3})\b(?! ?(mg|times a day))|\b()()(\d{2,3}) ?(bpm|beats a minute|beats per minute)\b")
_PULSE_SIGN = re.compile(r"\b(faint|fainting|dizzy|lightheaded|light headed|pass out|passing out|chest|short of breath|"
                         r"breathless|wont slow|will not slow|wont settle|getting worse|confused|for (the last |an |over an )?hour)\b")


def _reading(names: str, tail: str) -> re.Pattern[str]:
    """A named reading and its number ("bp is 70 40", "temp of 40 3"): group 4 is the number."""
    return re.compile(rf"\b({names}) (\w+ ){{0,2}}?(is |was |of |at |reads |reading |now |down to |dropped to |up to |"
                      rf"hit |has hit |went up to |over |above |only |just |around |about )*(\d{{2,3}}){tail}\b")


# A blood pressure reading ("bp 70/40", "pressure 68 over 40"): very low with signs of shock, or
# very high with signs of organ harm (a hypertensive emergency); group 6 is the lower number.
_BP = _reading("bp|blood pressure|pressure|bps", r" (over |on )?(\d{2,3})")
_LOW_BP_SIGN = re.compile(r"\b(faint\w*|dizzy|lightheaded|light headed|grey|gray|ashen|clammy|confused|drowsy|sleepy|"
                          r"nodding off|pale|pass(ed|ing)? out|collapsed|cold and|wont wake|cant stand|not making)\b")
_HIGH_BP_SIGN = re.compile(r"\b(headache|head (is )?(pounding|banging|splitting|throbbing|killing me)|pounding head|"
                           r"chest|vision|blurred|blurry|confused|numb\w*|weak\w*|short of breath|"
                           r"cant breathe|slurr\w*|nosebleed)\b")
# A temperature reading of 40 C / 104 F or more, with a stiff neck, confusion or a fit.
_TEMP = _reading("temp|temperature|fever|temps", r"( \d)?")
_HIGH_TEMP_SIGN = re.compile(r"\b(stiff|rigid|confused|confusion|not making|floppy|fitting|seizure|wont wake|cant wake|"
                             r"hard to wake|rash|light hurts|the light|delirious|hallucinating)\b")
# A blistering or peeling rash, or sores of the mouth and eyes: Stevens-Johnson syndrome.
_SKIN = re.compile(
    r"\b(?<!no )(?<!without )(blister\w*|peeling|skin (is )?(coming|peeling|falling) off|skin coming off)\b.{0,60}\b(rash|skin|all over|body|mouth|"
    r"eyes?|lips|sores|ulcers|fever|burn)\b"
    r"|\b(rash|skin|all over|body)\b.{0,40}\b(?<!no )(?<!without )(blister\w*|peeling|coming off)\b"
    r"|\bsores (in|on) (my|his|her) (mouth|lips) and (eyes|skin)\b|\bsores in (my|his|her) mouth and eyes\b"
    r"|\brash\b.{0,40}\b(mouth sores|mouth ulcers|sores in (my|his|her) mouth|eyes are red and sore)\b"
    r"|\b(mouth sores|mouth ulcers)\b.{0,40}\brash\b")
# Other serious reactions a label says need help now: muscle breakdown (dark urine with muscle
# pain), liver failure (yellow eyes with confusion), a locked jaw or neck (dystonia).
_SERIOUS = re.compile(
    r"\b(dark|cola|brown|tea)( coloured| colored| like cola| like tea)? (urine|pee|wee)\b.{0,60}\b(muscles?|weak)\b"
    r"|\b(muscles?)\b.{0,40}\b(dark|cola|brown)( coloured| colored)? (urine|pee|wee)\b"
    r"|\b(pee|urine|wee) is (dark|brown) like (cola|tea)\b|\bcant (pee|wee|urinate|pass urine) at all\b"
    r"|\b(yellow (eyes|skin)|jaundiced?)\b.{0,60}\b(confus\w*|drowsy|very sleepy|bleeding|bruising)\b"
    r"|\b(neck|jaw|eyes?)\b( \w+){0,3} (is |are )?(twisting|twisted|stuck|locked|rolled up|rolling up|pulling)\b"
    r"(?=.{0,40}\b(after|since|on)\b)"
    # an erection that lasts for hours or will not go down (priapism: trazodone's and sildenafil's labels
    # say to get medical help at once)
    r"|\b(erection|hard on|hard-on)\b.{0,50}\b(\d+|four|five|six|seven|eight|several|many) hours\b"
    r"|\b(erection|hard on|hard-on)\b.{0,40}\b(wont|won't|will not|doesnt|doesn't|does not) (go down|go away|stop)\b")
# Someone who has already been sent to emergency care (by a lab, a doctor, 111) and is asking whether to
# go: the professional's judgement stands. An instruction for "if" something happens is not a sending.
# The reason may stand between the telling and the going ("said my potassium is dangerously high, go to
# hospital now"), but not a condition, a maybe or a "no need" (`_SENT_GAP_NOT`).
_SENT_TO_EMERGENCY = re.compile(
    r"\b(said|says|saying|to say|told (me|him|her|us|them)|wants? (me|him|her|us|them)|advised (me|him|her|us|them))"
    # the reason may be long ("my potassium is 6 9 on the blood test") and the going told as a need ("and i need to go")
    r"(?P<gap>( [\w']+){0,14}?)( and)?( (i|we|he|she|you|they) (should|must|need to|needs to|have to|has to|had to|got to))?( to)? "
    r"(go|get|take|bring|come|head|attend|report to) (him |her |them |me |us )?((in |straight |right )?(to |into )?(the )?(a e|a and e|er|emergency( room| department)?|"
    r"hospital|casualty|urgent care)\b|in (now|straight away|right away|immediately|tonight)\b)"
    # ...or wanted there, the going left out: "they want me in A&E tonight"
    r"|\b(want|wants|wanted|need|needs|needed) (me|him|her|us|them) (in|at|up at|down at|to be in|to be at) (the )?"
    r"(a e|a and e|er|emergency( room| department)?|hospital|casualty|urgent care)\b")
_SENT_GAP_NOT = re.compile(r"\b(if|when|whenever|in case|unless|should|could|might|may|can|no|not|never|dont|don't|"
                           r"didnt|didn't|doesnt|doesn't|without)\b")
# what a leaflet or label says to do is no sending ("the leaflet says stop and get emergency help if ...")
_LEAFLET_SAYS = re.compile(r"\b(leaflet|label|insert|booklet|sheet|paper|website|instructions|information|box|packet) "
                           r"(\w+ ){0,4}$")
# Cola-coloured urine with sore or weak muscles: muscle breakdown (statins, for one).
_COLA_URINE = re.compile(r"\b(my|his|her|their|the) (urine|pee|wee)\b(?: \w+){0,6}? (cola|coke|coca cola|dark brown|"
                         r"brown|tea|black)\b|\b(cola|coke|tea|dark brown|brown) ?(colou?red )?(urine|pee|wee)\b")
_MUSCLE_SIGN = re.compile(r"\b(muscles?|thighs?|legs?|calves|arms?)\b(?: \w+){0,4}? (sore|weak|weakness|aching|ache|aches|"
                          r"painful|tender)\b|\b(aching|sore|weak|painful|tender) (muscles|thighs|legs|calves)\b"
                          r"|\bmuscle (pain|pains|ache|aches|weakness)\b")
# Yellow eyes or skin with vomiting, dark urine or pain on the right side: the liver.
_JAUNDICE = re.compile(r"\b(eyes|skin)\b(?: \w+){0,2}? (look|looks|are|is|have|has|gone|turned|turning|going|went)( \w+)? "
                       r"(yellow|yellowish)\b|\b(yellow|yellowish) (eyes|skin)\b|\bjaundiced\b")
_JAUNDICE_SIGN = re.compile(r"\b(vomiting|throwing up|threw up|been sick|being sick|confused|drowsy|(urine|pee|wee) is dark|"
                            r"dark (urine|pee|wee)|right side)\b")
# Yellow or green vision with sickness or an odd heartbeat: digoxin toxicity, even told after a history.
_YELLOW_VISION = re.compile(r"\b(everything|lights?|things|vision|seeing|sees|see) (\w+ ){0,2}(yellow|green|yellowish|greenish|"
                            r"halos?)\b(?=.{0,80}\b(vomit\w*|being sick|throwing up|sick|irregular|confus\w*|slow pulse|"
                            r"heart\w*)\b)|\b(vomit\w*|being sick|throwing up)\b.{0,80}\b(everything|lights?|things|vision|"
                            r"seeing|sees|see) (\w+ ){0,2}(yellow|green|yellowish|greenish|halos?)\b")
_SKIN_NOT = re.compile(r"\b(sunburn|sun burn|cold sore|hands in winter|dry and peeling|in the sun|sensitive to the sun|"
                       r"chemical peel|a peel|shoes|my feet|burnt|burned|scald\w*|friction)\b")
# A high fever with a stiff neck, or a rash that does not fade: meningitis or sepsis.
_FEVER = re.compile(
    r"\b(fever|temperature|temp)\b.{0,50}\b(stiff neck|neck (is |feels |has gone )?(\w+ )?stiff|"
    r"(cant|cannot|can not|wont) (bend|move|turn) (my|his|her|their) neck)\b|\bstiff neck\b.{0,50}\b(fever|temperature|temp|vomiting|rash|light)\b"
    r"|\brash (that )?(doesnt|does not|wont|will not|isnt going to) (fade|go away when (pressed|you press))\b"
    r"|\bpurple rash\b|\bnon blanching\b"
    # the glass test: spots that do not fade under a pressed glass
    r"|\b(rash|spots|marks|blotches|dots)\b.{0,30}\b(dont|doesnt|do not|does not|wont|will not|didnt|did not|arent|isnt) "
    r"(fade|fading|go away|go|disappear|blanch\w*)\b(?=.{0,60}\b(glass|press\w*|roll\w*|tumbler)\b)")
# A present cue after a history ("started it last month and today...", "now")
_PRESENT = re.compile(r"\b(today|tonight|this (morning|afternoon|evening)|now|right now|just now|just|since then|"
                      r"(an|\d+|a few|few|two|three|couple of) (minutes?|mins?|hours?|hrs?) ago|at the moment|currently)\b")
# A past event told as history ("years ago", "the scan was clear"): not happening now.
_PAST = re.compile(
    r"\b((\d+|a|one|two|three|four|five|six|several|a few|many|some) (years?|months?|weeks?) (ago|a go|back)|"
    r"(years|months|a while|a long time|long time|decades) (ago|a go|back)|"
    r"last (year|month|week|summer|winter|spring|autumn|fall|christmas|xmas|easter|thanksgiving|halloween|new year|"
    r"new years|bank holiday)|in (19|20)\d\d|"
    r"in (january|february|march|april|may|june|july|august|september|october|november|december)|(i|he|she|they|we|my \w+) used to|"
    r"(in|during) (college|uni|university|high school|my teens|my twenties)|"
    r"when (i|he|she|they|my \w+) (was|were) "
    r"(\d+|a (kid|child|teen|teenager|baby|toddler)|little|young|younger)|as a (kid|child|teen|teenager|baby)|in the past|"
    r"(said|says|told (me|us)) (it|he|she|they) (was|is|were|are|will be) (fine|ok|okay|harmless|not dangerous|safe|muscular)|"
    r"(tests?|scans?|ecg|x ray|bloods) (was|were|came back|all) (normal|clear|fine|ok)|"
    r"(went|been|was|were) (to|in) (a e|a and e|the er|er|the hospital|hospital|the emergency room)|"
    r"discharged|was treated|were treated|history of|(seizure|fit|stroke|heart attack) (at|aged|age) \d+\b|(started|put) (me|him|her) on|"
    r"(pharmacist|doctor|gp|nurse|poison control|111) (said|says|told (me|us)) (it|its|that|he|she))\b")
# ...and a symptom that has passed ("breathless after the gym yesterday but fine now")
_RESOLVED = re.compile(r"\b((fine|ok|okay|normal) (ever )?since|(have been|has been|been) (fine|ok|okay|well)|fine now|"
                       r"(went|gone) away|passed (after|within|in) (a|\d+))\b")
_STILL = re.compile(r"\b((is|are|am|im|hes|shes|keeps?|been) still|still (is|are|not|no|having|bleeding|wheezing|"
                    r"breathing|unconscious|wont|cant|feel|feels|hurts|going|fitting|shaking|confused)|"
                    r"right now|currently|at the moment|(again|now) (today|tonight|now))\b")
_TOXIC = re.compile(r"\b(toxic|toxicity|level (is |came back |was )?(too |very |really )?high)\b")


def _hits_in_person(t: str) -> bool:
    """Three or more groups of signs (two on a medicine or after mixing: "vomiting and shaking on lithium"), one of
    them told right beside the person who has them."""
    hits = [m for g in _SIGN_GROUPS if (m := g.search(t))]
    least = 2 if _ON_MEDICINE.search(t) or _MIXED.search(t) else 3
    every = [m for g in _SIGN_GROUPS for m in g.finditer(t)]  # any telling of a sign, not only its first
    return len(hits) >= least and any(
        p.end() <= h.start() <= p.end() + 12 or h.end() <= p.start() <= h.end() + 6 for h in every
        for p in _SIGNS_IN_PERSON.finditer(t))


def _signs_together(t: str) -> re.Match[str] | None:
    hits = [m for g in _SIGN_GROUPS if (m := g.search(t))]
    if len(hits) >= 3:
        return hits[0]
    if len(hits) >= 2 and _MIXED.search(t):  # two signs after mixing medicines: serotonin syndrome
        return hits[0]
    if len(hits) >= 2 and _ON_MEDICINE.search(t) and not _MILD.search(t):
        return hits[0]
    level = _LEVEL.search(t)  # a drug level like lithium's 2.1 (mmol/L) with a sign of toxicity
    if level and hits and float(f"{level.group(2)}.{level.group(3)}") >= 1.5:
        return level
    toxic = _TOXIC.search(t)
    if toxic and len(hits) >= 1 and not re.search(r"\b(signs|symptoms|what is|what are|can|could|does)\b", t):
        return toxic
    return None


@dataclass(frozen=True)
class RedFlag:
    kind: Kind
    matched: str


# a once-a-week medicine reported taken every day, the two said in any order
_WEEKLY = re.compile(r"\b(weekly|once a week|once weekly|one day a week|(mondays|tuesdays|wednesdays|thursdays|fridays|"
                     r"saturdays|sundays) only|only on (mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays))\b")
_DAILY_RUN = re.compile(r"(?<!or )\b(every day|daily|each day|every morning|every night|(\d+|two|three|four|five|six|seven) "
                        r"(days|mornings|nights) (running|in a row))\b")
_REPORTED = re.compile(r"(^|\b(i|ive|he|she|hes|shes|they|we|mum|mom|dad|nan|gran|my \w+|just|realised|realized|noticed) )"
                       r"(\w+ )?(took|had|have taken|has taken|been taking|was taking|injected|gave|was given|has been given|"
                       r"have been given)\b|\bbeen (taking|having|swallowing|injecting|giving)\b")


def _weekly_taken_daily(t: str) -> re.Match[str] | None:
    weekly, daily = _WEEKLY.search(t), _DAILY_RUN.search(t)
    if weekly and daily and _REPORTED.search(t) and not re.search(
            r"^(is|can|could|should|how|what|why|do|does|when)\b|\b(changed|switched|moved|going) (me |him |her )?(from|to)\b", t):
        return daily
    return None


def _count_taken(text: str) -> bool:
    if re.search(r"\b(spread out|as prescribed|as directed|as (my|the) (doctor|gp|pharmacist) (said|told|prescribed)|"
                 r"as usual|within the limit)\b", text):
        return False
    for m in _COUNT_TAKEN.finditer(text):
        raw = m.group(3)
        n = int(raw) if raw.isdigit() else _NUM_WORDS.get(raw, 0)
        rest = m.group(0)
        if n >= 4 and n <= 500:
            return True
        if n >= 2 and re.search(r"\b(extra|more|too|instead|at once|by mistake|accidentally)\b", rest):
            return True
    for m in _MG_TAKEN.finditer(text):
        if int(m.group(2)) >= 5000 or int(m.group(2)) >= 4000 and not m.group(4):
            return True
    # a count times a strength, told as minutes or hours ago: "40 x 200 mg ibuprofen about 90 min ago"
    if _MINUTES_AGO.search(text) and any(10 <= int(m.group(1)) <= 500 for m in _TIMES_STRENGTH.finditer(text)):
        return True
    # grams of medicine within hours: "took 4000mg of tylenol in the last 3 hours"
    for m in _MG_IN_HOURS.finditer(text):
        if int(m.group(2)) >= 3000:
            return True
    # several counts of pills in one "took": "took 2 of my wifes tramadol and 3 of mine"
    for m in _TOOK_SPAN.finditer(text):
        counts = [int(c) if c.isdigit() else _NUM_WORDS.get(c, 0) for c in _PILL_COUNT.findall(m.group(0))]
        if len(counts) >= 2 and 5 <= sum(counts) <= 500:
            return True
    return False


# a count named in a question, then told as done by someone: "how do people survive 40 tabs of X my sister took
# them an hour ago", "is taking 10 X dangerous. my husband did an hour ago"
_COUNT_THEN_DONE = re.compile(r"\b([4-9]|[1-9]\d|[1-9]\d\d|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|"
                              r"fifty) (tabs|tablets|pills|capsules|caps|drugx)\b.{0,80}?\b(my \w+|he|she|i|they|we) (just |already )?"
                              r"(did|did it|did that|took them|took those|took that many|took all|swallowed them|ate them|had them)\b"
                              r"(?=(?: \w+){0,4}? (ago|just now|now|tonight|today|this (morning|afternoon|evening))\b)")
_TIMES_STRENGTH = re.compile(r"\b(\d+) ?x ?\d+ ?(mg|mcg|g|micrograms?|milligrams?)\b")
_MINUTES_AGO = re.compile(r"\b(\d+|an|a few|few|one|two|three|half an) (min|mins|minutes|hour|hours|hr|hrs) ago\b|\bjust now\b")
_MG_IN_HOURS = re.compile(r"\b(took|taken|had|swallowed|given|gave)\b(?: \w+){0,4}? (\d{4,6}) ?(mg|milligrams)\b"
                          r"(?: \w+){0,4}? (in|within|over) (the last |the past |an? |one )?(\d+ |few |couple |couple of )?"
                          r"(hours?|hrs?|minutes?|mins?)\b")
# an event word in a message of a few words ("ate pills", "overdose help")
_FRAGMENT = re.compile(r"\b(overdose|overdosed|od|swallowed|ate|took too many|too many)\b")
# "some are missing", "2 tablets gone": counted after a child was found with the medicine
_MISSING = re.compile(r"\b(drugx|some|a few|one|two|three|\d+|pills?|tablets?|capsules?|gummies|patch|patches|mondays?|tuesdays?|"
                      r"wednesdays?|thursdays?|fridays?|saturdays?|sundays?)( of( \w+){1,3}?| drugx( \d+ ?(mg|mcg|ml|g))?( (pills?|tablets?|tabs|"
                      r"capsules?))?| \d+ ?(mg|mcg) (pills?|tablets?|tabs|capsules?)| \w+ (pills?|tablets?|capsules?))?"
                      # "the X from both", "the X 10 s from tonights slot"
                      r"( \d+( ?s)?)?( (from|in|out of) (\w+ ){0,2}\w+)? "
                      r"(are |is |were |was |have |has )?(still )?"
                      r"(missing|gone|unaccounted for|not there|vanished|disappeared)\b(?<!nothing is missing)(?<!none are missing)"
                      # "gone from the bottle", "missing out of her pill box"
                      r"|\b(missing|gone|disappeared|vanished) (from|out of) (the|my|his|her|their|our) (\w+ )?(bottle|pack|packet|"
                      r"box|blister|strip|organi[sz]er|pill ?box|cabinet|drawer|tub|jar|stash)\b")
_COUNT_OFF = re.compile(r"\b(count|number|numbers) (is |was |are )?(off|short|wrong|down)\b"
                        # "the new bottle is nearly empty", "going down faster than they should"
                        r"|\b(bottle|pack|packet|box|tub|supply|strip|refill)( of \w+)? (is |was |has gone |looks )?(nearly |almost |"
                        r"already |half )?(empty|gone)\b(?!.{0,60}\b(refill|repeat|prescription|pick up|collect|order|pharmacy|"
                        r"chemist|renew|new one)\b)|\b(going|gone|went) down (faster|quicker) than\b"
                        r"|\b(one|a|two|three|\d+) (\w+ ){0,3}(tablets?|pills?|capsules?) short\b|\b(we are|were|im|i am|theyre) "
                        r"(\d+|one|two|three|four|five|a few|some) short\b|\b(slot|slots|compartment|compartments|pot|tub) "
                        r"(is |are |was |were |now )?(empty|emptied|half empty)\b")
_MG_TAKEN = re.compile(r"\b(took|taken|had|swallowed)\b(?: \w+){0,3}? (\d{4,6}) ?(mg|milligrams)\b"
                       r"(?! ?(a day|per day|daily|each day|every day))(?:(?: \w+){0,4} (today|in a day|in one day))?")
_TOOK_SPAN = re.compile(r"\b(took|taken|swallowed|popped|downed|had)\b.{0,80}")
_PILL_COUNT = re.compile(rf"\b(\d+|{'|'.join(_NUM_WORDS)}) (?=(?:of|pills?|tablets?|tabs|capsules?|caps|drugx)\b)")


# someone else's medicine taken (or given) by mistake: "swallowed my husbands X as well as mine"
_OTHERS_MEDICINE = re.compile(
    rf"(?<!can i )(?<!could i )(?<!should i )(?<!may i )\b(took|swallowed|taken|had|gave (myself|him|her|mum|mom|dad)|gave|"
    rf"injected|grabbed|popped)\b"
    rf"(?: \w+){{0,6}} (my |his |her |their |the )?{_WHOSE}\b (\w+ ){{0,2}}?(drugx|pills?|tablets?|meds|medication|medicine|"
    r"shot|injection|dose|ones)\b(?=.*\b(by (mistake|accident)|accidentally|accidently|thinking (it|they) (was|were)|"
    r"instead of|as well|on top of|along with|with my own|and my own|and then|too|mixed up|wrong|look the same|"
    r"meant for|i am not|im not|hes not|shes not|not diabetic)\b)(?!.{0,60}\b(nothing happened|was fine|were fine)\b)"
    r"(?!.*\b(did not|didnt|have not|havent|never) (take|taken|took|swallow|swallowed|give|given)\b)"
    # "took my X on top of her own", "i took his X as well as mine", "the X meant for the man next door"
    r"|\b(took|swallowed|had|popped) (my|his|her) (drugx|pills?|tablets?|meds) (on top of|as well as|along with|with) "
    r"(her|his|their|my) own\b|\b(i|me) (took|swallowed|had|popped) (his|her) (drugx|pills?|tablets?|meds)\b.{0,30}"
    r"\b(as well|instead of|by mistake|thinking)\b|\b(gave|given|took|swallowed|had)\b.{0,50}\bmeant for (the|another|"
    r"someone|somebody|a different) ")


# A pet that got into a person's medicine: a job for a vet, not 911 for a person.
_PET = (r"(dog|dogs|doggy|doggie|puppy|pup|pups|puppies|cat|cats|kitten|kittens|kitty|pet|pets|ferret|rabbit|bunny|"
        r"hamster|guinea pig|parrot|bird|horse|labrador|retriever|beagle|terrier|spaniel|poodle|collie|"
        r"dachshund|chihuahua|pug|husky|staffie|greyhound|whippet|jack russell|cockapoo|labradoodle|schnauzer|"
        r"sheepdog|german shepherd|boxer pup|tabby|moggy)")
_PET_ATE = re.compile(
    rf"\b{_PET}\b(?: \w+){{0,3}} (ate|eaten|has eaten|swallowed|chewed|chewed up|chewed through|licked|lapped|drank|"
    rf"got into|gotten into|got hold of|got at|found and ate|managed to eat|snatched|grabbed|may have (eaten|swallowed|"
    rf"chewed|licked))\b(?: \w+){{0,8}} ({_MEDS}|patch|patches|cream|gel|ointment|inhaler|vitamins?|gummies|bottle|"
    rf"drops|syrup|dose|my \w+|his \w+|her \w+)\b"
    rf"|\b(fed|gave|given) (my |our |the )?{_PET}\b(?: \w+){{0,4}} ({_MEDS}|my \w+|a \w+ (pill|tablet))\b")
# "the cat knocked my bottle over and i think she ate one": the pet, then what it did as he/she/it
# (only when no child is named: the "she" could be the child)
_PET_PRONOUN_ATE = re.compile(
    rf"(\b(my|our|the) |^){_PET}\b(?: \w+){{1,10}} (he|she|it) (has |had |may have |might have |must have )?"
    rf"(ate|eaten|swallowed|chewed|licked)\b(?: \w+){{0,4}} ({_MEDS}|one|a|an|some|two|\d+)\b")
# ...unless a person is also said to have taken it, or is the one with the signs
_PERSON_TOO = re.compile(r"\b(and|also|too|as well)\b.{0,30}\b(i|my (son|daughter|husband|wife|child|kid|baby|toddler|"
                         r"mom|mum|dad)|the (kid|baby|child|toddler))\b(?: (?!(?:he|she|it|they)\b)\w+){0,3} "
                         r"(took|ate|swallowed|had|chewed)\b")


def pet_ingestion(masked: str) -> bool:
    """A dog, cat or other pet ate or swallowed a medicine, and no person is said to have too and no
    child is named (the child may have got into it with the pet)."""
    ate = _PET_ATE.search(masked) or _PET_PRONOUN_ATE.search(masked)
    return bool(ate) and not _PERSON_TOO.search(masked) and not _CHILD_RE.search(masked)


PET_NOTE = ("If a pet ate a human medicine, call your vet or the ASPCA Animal Poison Control Center at "
            "(888) 426-4435 now (US, 24 hours, a fee may apply), even if the pet seems fine. Some human "
            "medicines can harm a pet even at a small dose. The guides here are for people.")


# The sign words the rules read, so a slip in one is read as it ("siezure", "unconcious", "confussed"):
# every word of 5+ letters in the sign rules (a word the rules read is never changed); an English word is read as a sign word only
# right after the sign's own first word ("chest pian").
_SIGN_RULES = (_BREATHING_ALWAYS, _BREATHING, _CHEST, _SEIZURE, _ALLERGY, _FAINTING, _STROKE, _UNRESPONSIVE, _SWALLOW,
               _BLEEDING, _BLOOD_VOMITED, _HEAD_INJURY, _LOW_SUGAR, *_SIGN_GROUPS, _SKIN, _SERIOUS, _FEVER)
_SIGN_PAIRS = {"chest": frozenset(["pain", "pains", "tight", "pressure", "tightness"]),
               "cant": frozenset(["breathe", "breath", "wake"]), "throwing": frozenset(["blood"]),
               "lips": frozenset(["blue", "swelling", "swollen"])}


@cache
def _rule_words() -> frozenset[str]:
    return frozenset(w for rule in _SIGN_RULES for w in re.findall(r"(?<![a-z\\])[a-z]{5,}", rule.pattern)) | _TAKING_WORDS


# ...and the verbs of taking of 6+ letters ("swalowed", "ingestd", "chewd"; the overdose rules' other words
# are no targets: "infact" had become "infant", "strep" "strip"); the slips the rules spell out themselves
# ("swallowd", "injested", "tookk") stay as written
_TAKING_SLIPS = frozenset(["tookk", "tooked", "swolled", "swallowd", "injested"])
_TAKING_WORDS = frozenset(w for w in re.findall(r"[a-z]+", _TOOK) if len(w) >= 6) - _TAKING_SLIPS


@lru_cache(maxsize=4096)
def signs_respelled(masked: str) -> str:
    """The question with slips in its sign words read as the words ("cant breath properly", "siezure")."""
    from healthlib.ask.vocabulary import respelled

    words = masked.split()
    fixed = [w if w in _TAKING_SLIPS else f for w, f in zip(words, respelled(words, _rule_words(), _SIGN_PAIRS), strict=True)]
    return masked if fixed == words else " ".join(fixed)


# A new matter told after a routine question ("...lower cholesterol by the way my friend has gone grey"):
# the words that open it, then who it is about. What the first question asked ("how long does it take")
# does not make the new matter a general question.
_NEW_MATTER = re.compile(r"\b(by the way|btw|oh and|and also|also|actually|anyway|anyways|but first|first of all|"
                         r"one more thing|on another note|ps|right now|and now|but now|oh)\b ((my|i|im|he|she|hes|shes|"
                         r"we|our|his|her|there|someone|somebody)\b)")


def red_flags(masked: str) -> list[RedFlag]:
    """Red flags in a normalised question (medicine names masked), most urgent first. A pet that
    ate a medicine raises none (the answer points to a vet instead), unless someone is suicidal."""
    masked = signs_respelled(masked)
    flags = _person_red_flags(_terms_asked_about(masked))
    for shift in _NEW_MATTER.finditer(masked):  # a routine question first, then "by the way my dad is grey..."
        flags += [f for f in _person_red_flags(_terms_asked_about(masked[shift.start(2):]))
                  if all(f.kind != g.kind for g in flags)]
    return [f for f in flags if f.kind == "self_harm"] if pet_ingestion(masked) else flags


# A sign's name asked about is not a report of it: "the leaflet keeps saying anaphylaxis, what does
# that word mean", "how would i know if the throat swelling thing they warn about was happening".
# The name is replaced by "that term" before the rules read the question, so a report in the same
# question ("what does anaphylaxis mean, my lips are swelling") still raises the alarm.
_MEANING = re.compile(r"\b(what (does|do) (that|this|the|it|they|\w+) (word |term |phrase )?mean|what is meant by|"
                      r"(the )?meaning of|what (does|do) (\w+ ){1,3}(mean|stand for)|define|definition of)\b")
_SIGN_NAMES = re.compile(r"\b(anaphyla\w*( shock| reaction)?|(a |an )?(severe |serious )?allergic reaction|angioedema|"
                         r"serotonin (syndrome|toxicity)|respiratory depression|seizures?|convulsions?|"
                         r"stevens johnson( syndrome)?|toxic epidermal necrolysis|lactic acidosis|hypoglyc[a]?emia)\b")
_WARNED_ABOUT = re.compile(r"\b(\w+ ){1,3}(thing|things|stuff|warning|side effect|reaction)s? (that )?(they|the leaflet|"
                           r"the label|the insert|the pharmacist|the doctor|my doctor|the nurse|it) (warn|warns|warned|"
                           r"mention|mentions|mentioned|talk|talks|talked|say|says|said) (you |me |people )?about\b")


_COUNT_REPORTED = re.compile(r"(?<!\bif )\b(my \w+|i|he|she|they|we) (just |already )?(took|has taken|have taken|swallowed|ate|has eaten|"
                             r"had) ([5-9]|[1-9]\d+|a handful|all of)\b(?! ?(mg|mcg|ml|units?|minutes?|mins?|hours?|days?|years?))")


def _terms_asked_about(t: str) -> str:
    if _STILL.search(t) or _PRESENT.search(t):
        return t
    if _MEANING.search(t):
        t = _SIGN_NAMES.sub("that term", t)
    return _WARNED_ABOUT.sub("that term they warn about", t)


# the verbs of an imagined ingestion ("if a child ever got hold of ...")
_TOOK_OR_GOT = (r"(took|take|takes|ate|eats|swallowed|swallows|chewed|chews|overdosed|overdoses|got into|gets into|got hold of|"
                r"gets hold of|got at|gets at)")


# "i dont know if my son ever took any": whether it happened is asked, the "if" supposes nothing
_NOT_ASKED_WHETHER = "".join(f"(?<!{w} )" for w in ("know", "sure", "tell", "check", "checking", "wonder", "wondering",
                                                    "see", "ask", "asked", "unsure", "idea", "certain", "remember"))
# a sign word that names a kind of medicine or care ("is it a painkiller or a seizure pill", "his seizure plan")
_KIND_OF_CARE = re.compile(r" (med|meds|medicine|medicines|medication|medications|drug|drugs|pill|pills|tablets?|"
                           r"doctor|specialist|clinic|nurse|plan|action plan|rescue (med|meds|medicine|medication))\b")


# a swallowing to be prevented ("how to prevent kids getting into X", "how do i keep him out of them"): asked ahead,
# unless a swallowing is told as well
_PREVENTED = re.compile(r"how (to|do i|do we|do you|can i|can we|should i) (prevent|stop|avoid|keep)\b(?: \w+){0,3}? "
                        r"(getting into|getting hold of|getting at|from (taking|getting|swallowing|eating)|out of)")
_SWALLOWING_TOLD = re.compile(r"\b(swallowed|ate|eaten|took|taken|chewed|drank|got into|got hold of|got at|has had)\b")


def _person_red_flags(masked: str) -> list[RedFlag]:
    t = masked
    flags: list[RedFlag] = []
    general = _asked_in_general(t)
    now = _NOW.search(t) is not None and not re.search(r"\bhow (do|would|can|will) (you|i|we|they) (know|tell)\b", t)

    def flag(kind: Kind, m: re.Match[str] | None) -> None:
        if m is not None and all(f.kind != kind for f in flags) and not _told_as_past(t, m, kind) and not _in_history(t, m) and not (
                kind not in {"overdose", "self_harm"} and (_negated(t, m) or _not_a_report(t, m)
                                                           or _KIND_OF_CARE.match(t, m.end()))) and not (
                kind == "fainting" and _habitual(t, m)) and not (
                kind == "overdose" and (_NOT_TAKEN.search(t, m.end()) or _assessed_as_fine(t))):
            flags.append(RedFlag(kind, m.group(0)))

    # self-harm first: it changes which numbers to call
    personal = _SELF_HARM_PERSONAL.search(t) and not re.search(r"\b(if|whether) (i|you|he|she|they) (ever|might|would)\b", t)
    if (m := _SELF_HARM_ALWAYS.search(t)) or (m := _SELF_HARM.search(t)) and (personal or not general):
        flag("self_harm", m)
    if m := _LETHAL.search(t):
        flag("self_harm", m)

    hypothetical = re.search(r"\b(what if|what happens if|what would happen if|dangerous if|"
                             r"(signs|symptoms|how (to|do i|do you|can i|would i) (know|tell))\b.{0,30}\b(got into|swallowed|"
                             r"took|ate|has taken|has eaten)|"
                             r"(would|could|might) (hurt|harm|poison|be (most |the most |very )?(dangerous|harmful|toxic))|"
                             rf"{_NOT_ASKED_WHETHER}if (\w+ ){{0,3}}(got|gets|was|were|is) (swallowed|eaten|taken|chewed)|"
                             rf"{_NOT_ASKED_WHETHER}if (a|an|any|your|our|the) (\w+ ){{0,2}}(took|takes|ate|eats|swallowed|swallows|overdosed|overdoses|got into|"
                             r"gets into|got hold of|gets hold of|chewed|chews|found|finds)|"
                             rf"{_NOT_ASKED_WHETHER}if (i|you|someone|somebody|"
                             r"a person|he|she|they|my \w+) (took|take|takes|ate|eat|swallowed|"
                             r"accidentally|ever)|can (you|i|someone|a person) (overdose|od)|is it possible|"
                             # an emergency imagined or planned for: "if my 2 year old ever swallowed", "suppose i took",
                             # "if a child she is minding got hold of", "my worst fear is him forgetting"
                             rf"{_NOT_ASKED_WHETHER}(if|in case) (\w+ ){{1,4}}ever {_TOOK_OR_GOT}|(suppose|supposing|imagine) (that )?"
                             rf"(i|you|he|she|they|we|someone|somebody|a \w+|my \w+)( \w+){{0,3}}? {_TOOK_OR_GOT}|"
                             rf"{_NOT_ASKED_WHETHER}if (a|an|any) (\w+ ){{0,5}}{_TOOK_OR_GOT}|(worst|biggest|greatest|main) (fear|worry|nightmare)|"
                             # a swallowing to be prevented: "how to prevent kids getting into X", "how do i keep him out of"
                             rf"{_PREVENTED.pattern})\b", t)
    if hypothetical and (_ALL_MINE.search(t) or _COUNT_REPORTED.search(t, hypothetical.start())):
        # "what would happen if i took all 60 of my propranolol"; "how do i know if its an overdose,
        # my son took 15 of them": a count taken, told after the question, is a report
        hypothetical = None
    if hypothetical and _PREVENTED.fullmatch(hypothetical.group(0)) and _SWALLOWING_TOLD.search(t):
        hypothetical = None  # "how do i stop him getting into them, he just ate 5": a swallowing told as well
    if hypothetical and _MINUTES_AGO.search(t, hypothetical.start()):
        hypothetical = None  # "if my toddler ate some of X about 20 minutes ago, how long...": a clock time makes it told
    if not general and len(t.split()) <= 5 and (m := _FRAGMENT.search(t)) and not re.search(
            r"\b(symptoms?|signs?|effects?|risks?|dose|amount|number|how|what|when|can|is|does)\b", t) and re.search(
            rf"\b({_MEDS}|help|{_CHILD})\b", t.replace(m.group(0), " ")):
        flag("overdose", m)
    if not hypothetical and _CHILD_RE.search(t) and (m := _MISSING.search(t) or _COUNT_OFF.search(t)):
        flag("overdose", m)
    if not hypothetical and (m := _weekly_taken_daily(t) or _OTHERS_MEDICINE.search(t)):
        flag("overdose", m)
    if m := _COUNT_THEN_DONE.search(t):
        flag("overdose", m)
    if not hypothetical:
        for pattern in _OVERDOSE_EVENT:
            if m := pattern.search(t):
                flag("overdose", m)
                break
        if not any(f.kind == "overdose" for f in flags) and _count_taken(t):
            flag("overdose", _COUNT_TAKEN.search(t) or _MG_IN_HOURS.search(t) or _TOOK_SPAN.search(t) or _TIMES_STRENGTH.search(t))

    if (m := _BREATHING_ALWAYS.search(t)) and (not _is_general_about(t, m) or _own_sign_now(t, m)) and not (
            m.group(0).startswith("couldnt") and len(t.split()) > 60) or (m := _BREATHING.search(t)) and (
            not general or now and not _is_general_about(t, m) or _own_sign_now(t, m)) and not (
            _MILD.search(t) and _EXERTION.search(t)):
        flag("breathing", m)
    # a question about stroke signs or a side effect is not a report; any other wording still raises the alarm
    # ..."is that a side effect" asked of the signs just told is no question about signs
    about_signs = re.search(r"\b(signs?|symptoms?) of (a )?stroke\b|\b(cause|causes|causing|side effects?|linked to)\b",
                            _ASKED_OF_IT.sub(" ", t))
    if (m := _STROKE.search(t)) and not (re.search(r"\b(dentist|dental|numbed|numbing|anaesthetic|anesthetic|novocaine)\b", t)
                                          and not any(_STROKE_BEYOND_MOUTH.search(sign.group(0)) for sign in _STROKE.finditer(t))) and not (
            _is_general_about(t, m) or about_signs and not now):
        flag("stroke", m)
    if (m := _SWALLOW.search(t)) and not ("swallow" in m.group(0) and _DOSE_FORM_ASKED.search(t)):
        flag("allergy", m)
    if (m := _UNRESPONSIVE.search(t)) and not (general and (not now or _is_general_about(t, m))):
        flag("fainting", m)
    explained = re.search(r"\bis (that|this|it) normal\b|\b(from|because of|due to) (my |his |her |the )?(drugx|iron|bismuth)"
                          r"|\b(gp|doctor|pharmacist|nurse) (knows|is aware)\b", t)
    # black stools put down to iron or bismuth, or already seen by a doctor: not a bleed reported now
    cause = re.search(r"\b(since|from|after|because of|due to) (taking |starting )?(my |the )?(iron|bismuth|pepto|charcoal)\b"
                      r"|\b(gp|doctor|pharmacist|nurse) (knows|is aware|(said|says) (it is|its|it was|that))\b", t)
    # blood or coffee grounds vomited is never put down to a medicine or "normal": only a doctor can say so
    m = _BLEEDING.search(t)
    vomited = m is not None and _BLOOD_VOMITED.search(m.group(0)) is not None
    if m and (not ((general or explained and not vomited) and not now) or vomited and _own_sign_now(t, m)) and not (
            cause and not _STILL.search(t)):
        flag("bleeding", m)
    reading = _SUGAR_READING.search(t)
    if reading and _low_sugar_reading(reading) and (_HYPO_SIGN.search(t) or _SIGN_GROUPS[3].search(t)) and not general:
        flag("low_blood_sugar", reading)  # a low reading (under 70 mg/dL, 4.0 mmol/L) with signs of a hypo
    if reading and _very_low_sugar(reading) and not re.search(r"\b(normal|target|should|what is|whats|a1c|hba1c)\b", t):
        flag("low_blood_sugar", reading)
    if (head := _HEAD_INJURY.search(t)) and _THINNER.search(t) and not (general and not now) and not re.search(
            r"\b(can|could|should) (i|he|she|they|we) (take|have|give)\b|\bis drugx (ok|okay|safe|fine)\b", t):
        flag("bleeding", head)
    if head and _THINNER.search(t) and not (general and not now) and _HEAD_WORSE.search(t, head.end()) and all(
            f.kind != "bleeding" for f in flags):
        flags.append(RedFlag("bleeding", head.group(0)))  # the fall is told as past, what follows is now
    if (red := _RED_URINE.search(t)) and _THINNER.search(t) and not general:
        flag("bleeding", red)
    if (inr := _INR.search(t)) and (int(inr.group(2)) >= 9 or int(inr.group(2)) >= critical_value("inr", "at-or-above")
                                     and re.search(r"\b(bleed\w*|blood)\b", t)):
        flag("bleeding", inr)
    if (m := _POTASSIUM.search(t)) and (value := float(f"{m.group(3)}.{m.group(4) or 0}")) and (
            value >= critical_value("potassium", "at-or-above", "now") or value < critical_value("potassium", "below", "now")) and not (
            _in_if_clause(t, m) or re.search(r"\b(above|over|below|under|less than|more than|higher than|lower than|if|when)( a)? ?$",
                                              t[max(0, m.start() - 30):m.start()])):
        flag("toxicity", m)
    # ...a pulse possessed and counted is told ("the cause of my heart racing at 180"), however it is asked
    if (m := _PULSE.search(t)) and (not general or _POSSESSED.search(t[:m.start()])) and (rate := int(m.group(3) or m.group(7))) and (
            rate <= 35 or rate >= 180 or (rate <= 40 or rate >= 150) and _PULSE_SIGN.search(t)):
        flag("heart_rate", m)
    if (m := _BP.search(t)) and not general and (top := int(m.group(4))) > (bottom := int(m.group(6))) >= 20 and (
            top < 70 or top < 90 and _LOW_BP_SIGN.search(t) or (top >= 180 or bottom >= 120) and _HIGH_BP_SIGN.search(t)):
        flag("blood_pressure", m)
    if (m := _TEMP.search(t)) and not general and (40 <= int(m.group(4)) <= 45 or 104 <= int(m.group(4)) <= 112) and (
            _HIGH_TEMP_SIGN.search(t)):
        flag("fever", m)
    if (m := _YELLOW_VISION.search(t)) and not re.search(r"\b(can|could|does|do|will|would)\b.{0,40}\b(cause|make)\b", t):
        flag("toxicity", m)
    # "my pee has gone cola brown" is told of someone (a warning remembered just before it does not make it general)
    if (m := _COLA_URINE.search(t)) and _MUSCLE_SIGN.search(t) and not _in_if_clause(t, m) and (
            m.group(1) is not None or not _is_general_about(t, m) and not (general and not now)):
        flag("toxicity", m)
    if (m := _JAUNDICE.search(t)) and _JAUNDICE_SIGN.search(t) and not _is_general_about(t, m) and not (general and not now):
        flag("toxicity", m)
    if (m := _SKIN.search(t)) and not _SKIN_NOT.search(t) and (not general or now):
        flag("skin", m)
    if (m := _SERIOUS.search(t)) and not general:
        flag("emergency", m)
    if (m := _SENT_TO_EMERGENCY.search(t)) and not (re.search(r"\b(if|when|whenever|in case)\b", t[max(0, m.start() - 40):m.start()])
                                                     or _SENT_GAP_NOT.search(m.group("gap") or "")
                                                     or re.match(r"( help| care| treatment| attention)? (if|when|whenever|in case|should)\b",
                                                                 t[m.end():])
                                                     or _LEAFLET_SAYS.search(t[:m.start()])):
        flag("sent_to_care", m)
    if (m := _FEVER.search(t)) and not general and not re.search(r"\b(from sleeping|slept|sleeping funny|sleeping badly)\b", t):
        flag("fever", m)
    if m := _LOW_SUGAR.search(t):
        flag("low_blood_sugar", m)
    if (m := _SIGN_GROUPS[3].search(t)) and _SUGAR_CONTEXT.search(t) and _HYPO_SIGN.search(t) and not general:
        flag("low_blood_sugar", m)
    # several signs at once asked about as a side effect ("fever, twitching, heart racing... is this a side
    # effect") are told, not asked in general (a mild few are still a question)
    if (m := _signs_together(t)) and (not general or now or not _MILD.search(t) and (
            not _asked_in_general(t, sign_told=True) or _hits_in_person(t))):
        flag("toxicity", m)
    for kind, pattern in (("chest_pain", _CHEST), ("seizure", _SEIZURE), ("allergy", _ALLERGY),
                          ("fainting", _FAINTING)):
        for m in pattern.finditer(t):  # a sign supposed in an if-clause, then the same sign told as now
            supposed = _in_if_clause(t, m) and not now and not still_or_present(t)
            asked = general if kind != "chest_pain" else _asked_in_general(t, sign_told=True)
            if not asked and not supposed or (now and not _is_general_about(t, m) and not _in_if_clause(t, m)) or (
                    _own_sign_now(t, m) and not supposed):
                flag(kind, m)  # type: ignore[arg-type]
                break
    return flags


# "cant swallow well now, can the tablet be crushed": how to take a medicine when swallowing is hard
_DOSE_FORM_ASKED = re.compile(r"\b(crush|crushed|crushing|liquid (form|version)|(a|the) liquid|dissolve|dissolved|split|"
                              r"open (the|a) capsule|feeding tube|peg tube|(in|with) (yogurt|yoghurt|applesauce|jam|puree|food))\b")


# "...but i did not take any": the medicine the writer got was not taken
_NOT_TAKEN = re.compile(r"\bi (did not|didnt|have not|havent|never) (take|taken|took|swallow|swallowed|eat|ate|use|used) "
                        r"(any|it|them|one|a single)\b")
_NEGATION = re.compile(r"\b(no|not any|without|zero|free of|never (had|have|has)( a| an| any)?|(not|havent|hasnt|have not|has not|"
                       r"didnt|did not) (had|have|has)( a| an| any)?|havent|hasnt|have not|has not|never)\s+$")
_DROWSY = re.compile(r"\b(hard to (wake|rouse)|unable to (wake|rouse)|cant (stay awake|wake)|wont wake|not waking|cant keep (his|her|their|my) eyes open)\b")
_HABITUAL = re.compile(r"\b(in the mornings|every (morning|day|night|afternoon)|each (morning|day)|most (mornings|days|nights)|"
                       r"all day long|first thing in the morning|when (i|he|she|they) (wake|wakes) up)\b")


# A sign told as coming at a time of every day ("groggy every morning", "in the mornings", "most nights"): a
# pattern to ask about, not a danger now; for the emergency model, which cannot tell the habit from the event.
_TIMES_OF_DAY_HABIT = re.compile(r"\b(in the mornings|every (morning|night|afternoon|evening)|each (morning|night)|"
                                 r"most (mornings|nights)|first thing in the morning)\b")


def _told_with_nothing_of_now(pattern: re.Pattern[str], masked: str) -> bool:
    """The message says what `pattern` finds, and nothing of now (the emergency model alone's guards)."""
    return pattern.search(masked) is not None and not now_words(masked) and not still_or_present(masked)


def told_as_habit(masked: str) -> bool:
    """The message tells its signs as coming at a time of every day, and says nothing of now."""
    return _told_with_nothing_of_now(_TIMES_OF_DAY_HABIT, masked)


# An event told as months or years ago ("2 months a go", "a year back"), and a question of a risk run (an infection
# caught from blood, a test to get) rather than of a sign: with nothing of now, not for the emergency model alone to
# alarm (a real question of round 16: blood splashed in a car accident two months before, "am i risk hiv").
_MONTHS_AGO = re.compile(r"\b((\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|many|"
                         r"some|a couple of|couple of) (months?|years?) (ago|a go|back)|last year)\b")
_RISK_ASKED = re.compile(r"\b((am i|are we|are they|is (he|she|my \w+)|was i|were we)( at)? (\w+ )?risk|"
                         r"(risk|risks|chances?) (of|for) (getting|catching|infection|hiv|aids|hepatitis|hep|std|sti)|"
                         r"(could|can|might|would) (i|he|she|we|they) (have )?(caught|catch|contracted|contract|get|got) "
                         r"(hiv|aids|hepatitis|hep|an infection|infected|an std|an sti|anything|something)|"
                         r"should (i|we|he|she) (get|be) tested)\b")


def told_long_ago(masked: str) -> bool:
    """The message tells of something months or years ago, and says nothing of now."""
    return _told_with_nothing_of_now(_MONTHS_AGO, masked)


def asks_a_risk(masked: str) -> bool:
    """The message asks about a risk run (of an infection, whether to get tested), and says nothing of now."""
    return _told_with_nothing_of_now(_RISK_ASKED, masked)


# When a medicine should start to work ("shouldnt it have kicked in by now", "how fast is it supposed to work"): the
# sign it is taken for, still there, is a question of onset (blind 8's and round 14's migraine questions).
_ONSET = re.compile(r"\b(kick(ed|s)? in|kicking in|start(ed|s)? (to )?work(ing)?|work(ing|ed)? yet|t(ake|aken|aking) effect|"
                    r"supposed to (work|help)|how (long|fast|soon|quickly)\b.{0,40}\b(work|kick|help))")


def asks_onset(masked: str) -> bool:
    """The message asks when a medicine should start to work."""
    return _ONSET.search(masked) is not None


# Poison Control or a doctor already judged the swallowing harmless ("poison control told me last night my
# daughter would be fine"): their word stands, unless anything is said to be happening now.
_ASSESSED_FINE = re.compile(r"\b(poison control|poison centre|poison center|poisons line|pharmacist|doctor|gp|nurse|111|"
                            r"paramedics?|the er|a and e|a e|hospital) (\w+ )?(said|says|told (me|us))( \w+){0,5} "
                            r"((would|will|should|to) be|is|was|were|are) (fine|ok|okay|alright|all right)\b")


def _assessed_as_fine(t: str) -> bool:
    m = _ASSESSED_FINE.search(t)
    return m is not None and not (_NOW.search(t) or _PRESENT.search(t) or _STILL.search(t))


def _negated(t: str, m: re.Match[str]) -> bool:
    """The sign is denied ("no seizures for 2 years", "seizure free", "never had a fit")."""
    return bool(_NEGATION.search(t[max(0, m.start() - 30):m.start()]) or re.match(r"\s*free\b", t[m.end():]))


# words just before a sign that make it a fear, a pet's, or a recurring one ("scared of having a
# seizure", "my dog had a seizure", "i get chest pain when running")
_NOT_A_REPORT = re.compile(rf"(\b(scared|afraid|worried|worry|fear|frightened|nervous|anxious) (of|about|that) (\w+ ){{0,3}}"
                           rf"|\b(my|our|the) {_PET}\b(?: \w+){{0,3}} "
                           # heard of or warned about, or asked of the future: "i heard about seizures", "will i have
                           # withdrawal seizures"
                           rf"|\b(heard|read|hearing|reading|warned|warn|warns|warning) (\w+ )?(about|of|that) (\w+ ){{0,3}}"
                           rf"|\b(will|would|could|might) (i|you|he|she|they|we|my \w+) (still )?(have|get|develop|start having)"
                           rf"( a| an| any)? (\w+ ){{0,2}}"
                           rf"|\b(i|he|she|they|we|you|(my|his|her|our) \w+) (usually |often |sometimes |always )?(get|gets)( a| an)? )$")


def _not_a_report(t: str, m: re.Match[str]) -> bool:
    return bool(_NOT_A_REPORT.search(t[max(0, m.start() - 60):m.start()])) and not _STILL.search(t)


def _habitual(t: str, m: re.Match[str]) -> bool:
    """Sleepiness that comes every morning ("so groggy and hard to wake up in the mornings"), not a
    person who cannot be woken now."""
    return bool(_DROWSY.search(m.group(0)) and _HABITUAL.search(t) and not _STILL.search(t))


def _very_low_sugar(reading: re.Match[str]) -> bool:
    """Under the lab-test catalogue's "act now" critical glucose (54 mg/dL), in mmol/L when written small or with a
    decimal ("2 8" after normalising)."""
    whole, decimal = reading.group(5), reading.group(6)
    if whole in {"lo", "low"}:
        return whole == "lo"
    if decimal or int(whole) < 10:
        return float(f"{whole}.{(decimal or ' 0').strip()}") < critical_value("glucose", "below", "now", "mmol/L")
    return int(whole) < critical_value("glucose", "below", "now", "mg/dL")


@cache
def critical_value(test_id: str, when: str, act: str = "today", unit: str | None = None) -> float:
    """A critical value of the lab-test catalogue (`data/labtests/`, one home: the labs reader flags the same result),
    in `unit` (default the test's own); the first listed of that kind and action."""
    from healthlib.readers.labs.catalogue import builtin_catalogue

    test = builtin_catalogue().get(test_id)
    if test is None:
        raise KeyError(f"no lab test '{test_id}' in the catalogue")
    crit = next(c for c in test.critical if c.when == when and c.act == act and c.value is not None)
    value = test.convert(float(crit.value or 0), crit.unit or test.unit, unit or test.unit)
    if value is None:
        raise ValueError(f"{test_id}: no exact conversion of {crit.unit or test.unit} to {unit}")
    return value


def _low_sugar_reading(reading: re.Match[str]) -> bool:
    whole, decimal = reading.group(5), reading.group(6)
    if not whole.isdigit():
        return whole == "lo"
    if decimal or int(whole) < 10:
        return float(f"{whole}.{(decimal or ' 0').strip()}") < 4.0
    return int(whole) < 70


def _told_as_past(t: str, m: re.Match[str], kind: str) -> bool:
    """The flag's words sit beside history ("a seizure 10 years ago", "the scan was clear") and
    nothing says it is happening still or again."""
    near = t[max(0, m.start() - 60):m.end() + 60]
    if _STILL.search(t[m.start():]):
        return False
    past = _PAST.search(near)
    offset = max(0, m.start() - 60)
    if past and offset + past.end() <= m.start() and (_PRESENT.search(t[offset + past.end():m.start()])
                                                     or _TOLD_NOW.search(t[offset + past.end():m.start()])
                                                     or _PRESENT_AFTER.match(t[m.end():])):
        return False  # the history (or someone's reassurance) came first, then what is happening today
    if past and not re.search(r"\b(started|starting|began|since|for|on it)\b(?: \w+){0,3} ?$", near[:past.start()]):
        return True
    return kind not in {"overdose", "self_harm"} and (resolved := _RESOLVED.search(near)) is not None and not _CAME_BACK.match(
        near[resolved.end():])


# a sign told in the present after a history: "had his injection last week, he has a temp of 40"
_TOLD_NOW = re.compile(r"\b(he|she|they|i|we|it) ((has|have)(?! had\b)|is|are|am|keeps|cant|wont|looks|feels|seems)\b"
                       r"|\b(hes|shes|im|theyre)\b")  # ..."i have had" tells of the past
# ...or a present cue in the sign's own words: "the pharmacist said she will be fine but my toddler ate 5 just now"
_PRESENT_AFTER = re.compile(r"(?: \w+){0,6}? (just now|right now|at the moment|(\d+|a few|few|five|ten|twenty|a couple of|couple of) "
                            r"(minutes?|mins?) ago|an hour ago)\b")
# ...and a sign that passed and came back: "chest pain at lunch that went away and came back worse now"
_CAME_BACK = re.compile(r"(?: \w+){0,5}? (came|come|comes|coming) back\b|(?: \w+){0,5}? (returned|started again|is back|back again)\b")


# "on it since my seizure at 16", "after his heart attack ten years ago": the event names a time
_HISTORY_EVENT = re.compile(r"\b(after|since|following|before) (a |my |his |her |their |the )?(heart attack|seizure|stroke|fit|"
                            r"allergic reaction|collapse|overdose)\b(?! (today|tonight|this|just|now|earlier|an? (hour|few)|"
                            r"\d+ (minutes?|mins?|hours?)))")
# breathless on the stairs, said to be mild: an ordinary question
_EXERTION = re.compile(r"\b(stairs|uphill|up hill|hills?|exercise|exercising|running|jogging|the gym|climbing|"
                       r"walking (up|fast|quickly)|workout|working out)\b")


def _in_history(t: str, m: re.Match[str]) -> bool:
    """The flag's words are the event a time is counted from, and nothing says it is happening still."""
    return any(h.start() <= m.start() < h.end() for h in _HISTORY_EVENT.finditer(t)) and not _STILL.search(t)


def _in_if_clause(t: str, m: re.Match[str]) -> bool:
    """'what should i do if my son has a seizure': the sign is a supposition, unless it is said to be now."""
    return bool(re.search(r"\bif (\w+ ){0,3}(ever )?(has|have|gets|get|starts|start|goes into|had)( a| an)? ?$", t[:m.start()])
                and not _STILL.search(t))


# A sign told of someone right before it: "my dad is vomiting blood", "she is", or "my chest", "my dads pulse"
# (possessed), the cause or treatment of which is asked ("what causes my chest to crush like this")
_PERSON_TELLS = re.compile(r"\b((my|our) (\w+ ){0,2}|(he|she|i|hes|shes|im|they) )(is|are|am|has been|have been|keeps|started) $")
_POSSESSED = re.compile(r"\b(my|his|her|their|our)( \w+s)? $")
_LIKE_THIS = re.compile(r"\b(like this|like that|right now|at the moment|getting worse|worse and worse|spreading|"
                        r"(this|that) (slow|shallow|fast|weak|noisy))\b")
# ...or the sign itself said to be now ("what causes crushing chest pain right now"), or told again by a pro-form
# after the question ("what can cause a seizure after X i just had one", "she is having one")
_NOW_AFTER_SIGN = re.compile(r"(?: \w+){0,2}? (right now|at the moment|as (we|i) speak|as i (type|write))\b"
                             r"|.{0,80}\b((i|he|she|they|we|my \w+) (just|only just) (had|got) one|(i|he|she|they|we|my \w+) (has|have) "
                             r"just had one|(im|i am|hes|he is|shes|she is|theyre|they are|is|am) (having|getting) one( now| right now)?$"
                             r"|(im|i am|hes|he is|shes|she is|theyre|they are) (having|getting) one (now|right now|again))\b")


def _own_sign_now(t: str, m: re.Match[str]) -> bool:
    """The sign is told of someone now, however a question about its cause or treatment is put around it: a person and
    a present verb just before it, or a sign possessed ("my chest") in a message saying it is happening now."""
    before = t[:m.start()]
    return bool(_PERSON_TELLS.search(before) or _POSSESSED.search(before) and (
        now_words(t) or still_or_present(t) or _LIKE_THIS.search(t)) or _NOW_AFTER_SIGN.match(t, m.end()))


def _is_general_about(t: str, m: re.Match[str]) -> bool:
    """'can baclofen cause seizures after stopping' is general even with 'after'."""
    before = t[:m.start()]
    return bool(re.search(r"\b(cause|causes|make you|side effects?|risk|used for|treat|prevent|for|helps|help|"
                          r"(?<!cant )(?<!wont )(?<!not )(stop|stops|control|controls|reduce|reduces)|"
                          r"help with|helps with|good for|work for|works for|relieve|relieves|ease|eases)\s*"
                          # ...never across a telling: "on X for epilepsy, had a seizure 10 minutes ago"
                          r"((?!(had|has|have|having|is|was|started|just)\b)\w+\s*){0,3}$",
                          before))


# Shown under every answer that raised no red flag: keyword rules miss some new ways of saying
# an emergency (measured on fresh questions), so the way to help is never more than a line away.
SAFETY_NET = (f"If something is happening right now (someone took too much, cannot breathe, has chest "
              f"pain or a seizure, or their face or throat is swelling), call {EMERGENCY_NUMBER} or your "
              f"local emergency number. Poison Control: {POISON_CONTROL}. Thinking of hurting yourself: "
              f"call or text {CRISIS_LINE}.")


# What each kind of sign is called in the instruction to call the emergency number.
SIGNS = {"breathing": "trouble breathing", "chest_pain": "chest pain", "seizure": "a seizure",
         "stroke": "signs of a stroke (slurred speech, a drooping or numb face, weakness on one side)",
         "allergy": "swelling of the face, lips, tongue or throat", "fainting": "fainting or being hard to wake",
         "bleeding": "bleeding that will not stop, blood in vomit or stool, or a head injury on a blood thinner",
         "low_blood_sugar": "very low blood sugar with confusion, fainting or a seizure",
         "toxicity": "several signs at once such as fever, sweating, shaking, confusion or vomiting, or a potassium "
                     "result far out of range",
         "heart_rate": "a very slow or very fast heartbeat",
         "blood_pressure": "a very low blood pressure with dizziness or fainting, or a very high one with "
                           "headache, chest pain or changes in vision",
         "skin": "a blistering or peeling rash, or sores in the mouth or eyes",
         "fever": "a high fever with a stiff neck, a rash that does not fade when pressed, or a fever with a sore "
                  "throat or mouth sores on a medicine that can lower the white blood cells"}


def emergency_guidance(flags: list[RedFlag], child: bool = False) -> str:
    """What to do now, in plain words: one instruction, the same in the box and the text.

    A child who may have swallowed medicine: Poison Control first, 911 if hard to wake, trouble
    breathing or a seizure. Anyone else: 911 for those signs, otherwise Poison Control. When a
    sign that needs 911 is reported, 911 comes first and Poison Control is what to call next,
    so no two lines ask for different calls "now".
    """
    kinds = {f.kind for f in flags}
    lines = []
    if "self_harm" in kinds:
        lines.append(f"If you are thinking about suicide or about hurting yourself, or are worried about "
                     f"someone else, call or text {CRISIS_LINE} (Suicide & Crisis Lifeline, US) now. "
                     f"If someone is in danger right now, call {EMERGENCY_NUMBER} or your local "
                     f"emergency number. You are not alone, and help is there 24 hours a day.")
    signs = [SIGNS[k] for k in SIGNS if k in kinds]
    if signs:
        lines.append(f"This may be an emergency. Call {EMERGENCY_NUMBER} or your local emergency "
                     f"number now for {' and '.join(signs)}. Do not drive yourself to hospital.")
        if "low_blood_sugar" in kinds:
            lines.append("If the person is awake and can swallow, give them sugar (juice, regular soda or "
                         "glucose tablets) while you wait. Never put food or drink in the mouth of someone "
                         "who is not fully awake.")
    sent = "sent_to_care" in kinds  # a professional has already judged it: their instruction stands
    if sent:
        lines.append(f"A doctor, lab or helpline has told you to go to emergency care: please go now, and do not "
                     f"wait to see if it passes. Call {EMERGENCY_NUMBER} or your local emergency number if you "
                     f"cannot get there safely or feel worse, and do not drive yourself.")
    if "overdose" in kinds and (signs or sent):
        lines.append(f"If medicine was swallowed, Poison Control at {POISON_CONTROL} (US, free, 24 hours) can "
                     f"also tell you what to do about it while you wait. Have the medicine bottle with you.")
    elif "overdose" in kinds and child:
        lines.append(f"If a child may have swallowed medicine: call Poison Control at {POISON_CONTROL} "
                     f"(US, free, 24 hours) now, even if the child seems fine. Call {EMERGENCY_NUMBER} "
                     f"right away if the child is hard to wake, has trouble breathing or has a seizure. "
                     f"Have the medicine bottle with you.")
    elif "overdose" in kinds:
        lines.append(f"If someone may have taken too much medicine: call {EMERGENCY_NUMBER} or your local "
                     f"emergency number now if they are hard to wake, have trouble breathing, or have a "
                     f"seizure. Otherwise call Poison Control at {POISON_CONTROL} (US, free, 24 hours) "
                     f"right away, even if they seem fine. Have the medicine bottle with you.")
    elif "emergency" in kinds and not signs and not sent:  # read as urgent by the model: no sign named, say both calls
        lines.append(f"This may be an emergency. Call {EMERGENCY_NUMBER} or your local emergency number now if "
                     f"someone is hard to wake, has trouble breathing, chest pain, a seizure, or swelling of the "
                     f"face or throat. If someone may have swallowed medicine or taken too much, call Poison "
                     f"Control at {POISON_CONTROL} (US, free, 24 hours) now, even if they seem fine.")
    elif "self_harm" in kinds:
        lines.append(f"If someone has taken too much medicine, call Poison Control at {POISON_CONTROL} "
                     f"(US) or {EMERGENCY_NUMBER}.")
    return "\n".join(lines)


_CHILD_RE = re.compile(rf"\b{_CHILD}\b")


def about_a_child(masked: str) -> bool:
    """The question is about a child (for the child-ingestion instruction)."""
    return _CHILD_RE.search(masked) is not None and not re.search(r"\b(teen|teenager)\b", masked)


# Cues the emergency model reads beside the words (`classifier`): a linear model over n-grams
# cannot tell "my lips are swelling" from "can X make your lips swell" or "my lips swelled last
# year" by itself, so it is told whether a symptom sits with a "now", a history, a general
# question, a "what if", a mild word, a pet or a question about a word. Each is 0 or 1.
_SYMPTOM_WORDS = r"""breath\w* breathe wheez\w* gasp\w* air chest heart pulse seiz\w* fit fits fitting jerk\w* shak\w*
swell\w* swollen puff\w* hives throat tongue lips? face blue grey gray pale bleed\w* blood black faint\w* blacked
collaps\w* wake waking drowsy sleepy confus\w* slurr\w* droop\w* numb\w* weak\w* vision sight blind see vomit\w*
sick sweat\w* fever hot rigid stiff twitch\w* tremor rash blister\w* peel\w* sores pupils snor\w* unresponsive
dizzy headache die dead suicid\w* kill swallowed ate chewed overdos\w* od"""
_SYMPTOM = re.compile(rf"\b({'|'.join(_SYMPTOM_WORDS.split())}|pass(ed|ing)? out|throwing up|threw up|end it|too (many|much))\b")
_HYPOTHETICAL = re.compile(r"\b(what if|if (i|you|he|she|they|someone|my \w+) (ever|were|was|accidentally)|if ever|"
                           r"in case|just in case|should (i|we) (keep|have|carry)|what (should|do|would) (i|you|we) do if|"
                           r"what happens if|what would happen)\b")
_ABOUT_WORD = re.compile(r"^(what|whats) (is|are|does|do)\b|\b(mean|means|meaning|stand for|definition)\b")
_REPORT = re.compile(r"\b(i|im|ive|my|me|he|she|hes|shes|they|theyre|we|our)\b")
URGENCY_CUES = ("symptom", "now", "past", "general", "what_if", "mild", "pet", "about_word", "report",
                "symptom_now", "symptom_past", "symptom_general", "symptom_plain", "resolved")


def urgency_cues(masked: str) -> list[int]:
    """Which of URGENCY_CUES the question shows (column numbers), for the emergency model."""
    symptom = _SYMPTOM.search(masked) is not None
    now = _NOW.search(masked) is not None or _PRESENT.search(masked) is not None or _STILL.search(masked) is not None
    past = _PAST.search(masked) is not None
    general = _GENERAL.search(masked) is not None
    what_if = _HYPOTHETICAL.search(masked) is not None
    mild = _MILD.search(masked) is not None
    on = {"symptom": symptom, "now": now, "past": past, "general": general, "what_if": what_if, "mild": mild,
          "pet": pet_ingestion(masked), "about_word": _ABOUT_WORD.search(masked) is not None,
          "report": _REPORT.search(masked) is not None, "symptom_now": symptom and now,
          "symptom_past": symptom and past and not now, "symptom_general": symptom and (general or what_if),
          "symptom_plain": symptom and not (past or general or what_if or mild),
          "resolved": _RESOLVED.search(masked) is not None}
    return [i for i, name in enumerate(URGENCY_CUES) if on[name]]


# "on it three months now", "for years now": how long, not what is happening now
_DURATION_NOW = re.compile(r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|few|several|"
                           r"many|some|a couple of|couple of) (days?|weeks?|months?|years?|yrs?) now\b"
                           r"|\bfor (a while|ages|years|months|weeks|some time|a long time) now\b")


def still_or_present(masked: str) -> bool:
    """The question says something is still going on, or names today or a few minutes ago."""
    t = _DURATION_NOW.sub(" ", masked)
    return _STILL.search(t) is not None or _PRESENT.search(t) is not None


def now_words(masked: str) -> bool:
    """The question says something is happening now ("now", "just", "help", "after taking")."""
    return _NOW.search(_DURATION_NOW.sub(" ", masked)) is not None


# One accidental extra dose taken and told with no sign: "took my X twice this morning",
# "2 instead of 1 by mistake", "doubled up last night". Whether that is an emergency depends on the
# medicine (`extra_dose`); this only reads the telling. Anything beyond one extra dose of the person's own
# medicine, any sign, a child or someone vulnerable, or a hint of intent keeps the overdose alarm.
_ONE_EXTRA = re.compile(r"\b(twice|doubled|doubled up|double dosed|double dose|double|(2|two) (\w+ ){0,3}instead of (1|one)|"
                        r"(2|two) (of my|of them|of those|tablets|pills|capsules|tabs|doses) (instead|by mistake|by accident)|"
                        r"(took|had|taken) (2|two) (of )?(my )?drugx|(another|a second|an extra|one extra) (drugx|one|dose|tablet|pill|"
                        r"capsule)|again|forgot (that )?(i|id|he|she|they) (had )?already (had|took|taken)( (it|one|mine|my \w+))?|"
                        r"(took|had|taken) (2|two) of (my|his|her) (\d+ ?(mg|mcg) )?(drugx|pills|tablets|capsules|tabs))\b")
_MORE_THAN_ONE_EXTRA = re.compile(
    r"\b([3-9]|[1-9]\d+|three|four|five|six|seven|eight|nine|ten) (?!(mg|mcg|ml|g|units?|iu)\b)(\w+ )?(drugx|pills?|tablets?|tabs|capsules?|caps|doses|"
    r"times|extra|of)\b|\b(triple\w*|several|multiple|(?<!at )(?<!thats )(?<!that is )all|whole|handful|bottle|pack|lots|loads|a few|few|every day|each day|"
    r"every morning|every night|all week|for (\d+|two|three|a few|several|some) (days|weeks)|days in a row|"
    r"three times|3 times|more than (once|twice)|keeps?|kept|overdose on purpose|on purpose|deliberately|"
    r"intentionally|meant to|wanted to|to (sleep|feel|get high|see what))\b")
# Told by a spouse, a grown child or a carer about an adult who is well, it is the same question; a child,
# a teenager, someone old, frail, confused or pregnant keeps the alarm (a writer under 18 is a child).
_VULNERABLE = re.compile(rf"\b({_CHILD}|nan|nana|gran|granny|grandma|grandpa|grandad|grandfather|grandmother|elderly|frail|"
                         rf"dementia|alzheimers|confused|confusion|muddled|pregnant|breastfeeding|"
                         rf"(im|i am|age|aged|hes|shes|he is|she is) ([1-9]|1[0-7]))\b")
# signs (and asking about signs) beside the telling: any of them keeps the alarm
_SIGN_WORDS = set(_SYMPTOM_WORDS.split()) - {"swallowed", "ate", "chewed", "overdos\\w*", "od", "see", "face", "air"}
_EXTRA_SIGN = re.compile(rf"\b({'|'.join(sorted(_SIGN_WORDS))}|pass(ed|ing)? out|throwing up|threw up|unwell|ill|"
                         rf"weird|strange|funny|off|not right|nause\w*|queasy|jitter\w*|racing|pounding|palpitat\w*|"
                         rf"tired|groggy|woozy|light ?headed|cramp\w*|pain\w*|ache\w*|hurts?|symptoms?|"
                         rf"feel(ing)? (bad|awful|terrible|rough|worse)|alcohol|drunk|drinking|beer|wine)\b")


# harm asked about ahead ("will it hurt me", "could that harm him"): a question, not a sign
_HARM_ASKED = re.compile(r"\b(will|would|could|can|might|is it going to|is that going to|is this going to|gonna) "
                         r"(it|this|that|they|the extra( one| dose)?) (\w+ )?(hurt|harm|damage|affect)\b")
# a little sleepiness and nothing else: "a bit sleepy, thats all", "just sleepy", "slightly drowsy but fine"
_A_BIT = r"(a bit|a little|bit|abit|slightly|mildly|just|only|kind of|kinda)"
_MILDLY_SLEEPY = re.compile(rf"\b{_A_BIT} (more )?(?P<a>sleepy|drowsy|tired)\b|\b(?P<b>sleepy|drowsy|tired)\b(?=,? (thats all|that is all|"
                            r"nothing else|but (otherwise )?(fine|ok|okay|well)|otherwise (fine|ok|okay|well))\b)")


def single_extra_dose(masked: str, sleepiness_may_pass: bool = False) -> bool:
    """The question tells of one accidental extra dose of an adult's own medicine (the writer's, or a
    spouse's or a cared-for adult's), with no sign. sleepiness_may_pass: for a medicine whose extra dose does
    not deepen sleep into harm (`extra_dose.sleepiness_may_pass`), a little sleepiness is no sign either."""
    t = masked
    mild = [m.span("a" if m.group("a") else "b") for m in _MILDLY_SLEEPY.finditer(t)] if sleepiness_may_pass else []
    asked_harm = [m.span() for m in _HARM_ASKED.finditer(t)]  # "will it hurt me" asks, it tells no sign
    return bool(_ONE_EXTRA.search(t) and not _MORE_THAN_ONE_EXTRA.search(t) and not _VULNERABLE.search(t)
                # "no symptoms" is no sign, nor the hay fever a medicine is taken for
                and all(_negated(t, m) or m.span() in mild or t[max(0, m.start() - 4):m.start()] == "hay "
                        or any(a <= m.start() < b for a, b in asked_harm) for m in _EXTRA_SIGN.finditer(t))
                and not _OTHERS_MEDICINE.search(t) and not _weekly_taken_daily(t)
                and not _count_taken(re.sub(r"\b(2|two)\b", "one", t))  # two in place of one is the one extra
                and not any(f.kind != "overdose" for f in red_flags(t)))


# A swallowing told as two days ago or more, the person well since: "licked one of my X two days ago, he has been
# completely normal since". Whether that is over depends on the medicine (acetaminophen harms the liver days later:
# `extra_dose.high_risk`); this only reads the telling. Any sign, anything still going on, or a hint of intent keeps
# the alarm.
_DAYS_AGO = re.compile(r"\b([2-9]|two|three|four|five|six|several|a few|few|couple of|a couple of) days ago\b"
                       r"|\b(last|a|one) week ago\b|\blast week\b")
_WELL_SINCE = re.compile(r"\b(completely |totally |perfectly |absolutely )?(fine|ok|okay|normal|well|himself|herself|themselves) "
                         r"(ever )?since\b|\b(has|have|had) been (completely |totally |perfectly |absolutely )?(fine|ok|okay|"
                         r"normal|well)\b|\bno (symptoms|signs|problems) (at all )?since\b")
_INTENT = re.compile(r"\b(on purpose|deliberately|intentionally|meant to|wanted to|to (die|end|kill|sleep|get high|feel))\b")


def ingestion_long_over(masked: str) -> bool:
    """A swallowing told as two or more days ago, the person well since, no sign told and nothing still going on."""
    t = masked
    return bool(_DAYS_AGO.search(t) and _WELL_SINCE.search(t) and not _STILL.search(t) and not _INTENT.search(t)
                and all(_negated(t, m) or _not_feeling_off(t, m) for m in _EXTRA_SIGN.finditer(t))
                and not any(f.kind != "overdose" for f in red_flags(t)))


def _not_feeling_off(t: str, m: re.Match[str]) -> bool:
    """"grabbed it off him" is no sign; "he seems a bit off" is."""
    return m.group(0) == "off" and not re.search(r"\b(feel|feels|feeling|felt|seems?|seemed|looks?|looked|is|was|acting|"
                                                 r"bit|little|slightly) $", t[:m.start()])
