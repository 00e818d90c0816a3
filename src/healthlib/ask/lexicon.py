"""Word lists the question reader needs: everyday words, medicine-name endings, and the other
substances people ask about (alcohol, grapefruit, coffee...). Medicine names themselves come
from the library, `data/ask-words.yaml` and the drug-name dictionary (see `vocabulary`).

These lists only help *recognise* words. They never carry medical facts: every fact in an answer
comes from a guide in the library.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Everyday English (and everyday health) words. A word in this list is never taken to be a
# misspelled medicine name, however close its spelling ("reflux" is not "Keflex").
COMMON_WORDS = _words("""
a about above absolutely accident accidentally ache aches aching acid acne actually add added addictive
addicted after afternoon again against age ago ahead alcohol alive all allergic allergies allergy allowed
almost alone along already also although always am amount an and angry another answer antibiotic
antibiotics any anybody anymore anyone anything anyway anywhere appetite are arm arms around as ask
asking asleep at ate attack attacks avoid awake away awful baby back bad badly bag balance bathroom be
became because become bed bedtime been beer beers before began behind being belly best better between
big bit bite black bladder bleeding blood blurry body bone bones bottle bought bowel boy brain brand
break breakfast breast breath breathe breathing bring brother brought bruise burn burning but buy by
call called calm came can cancer cannot cant capsule capsules car care careful carry case cause caused
causes causing cells change changed changes cheap check chemo chest child children chills choice
cholesterol chronic clear close cold come comes coming common compare condition conditions confused
constipated constipation contain contains cost cough could couldnt count course cramp cramps crazy
crush cut daily damage dangerous daughter day days dead deal dear death decide deep depressed
depression diabetes diabetic diarrhea did didnt die died diet difference different difficult dinner
disease dizzy do doctor doctors does doesnt dog doing done dont dose doses double down dream dreams
drink drinking drinks drive driving drop drowsy drug drugs drunk dry due during each ear early easy eat
eaten eating effect effects either elderly else empty end energy enough even evening ever every
everyday everything exactly example exercise expect expensive expired explain extra eye eyes face fail
faint fainted fall family far fast fat father fear feel feeling feelings feels feet fell felt fever few
fight fine finger finish first fit fits fix flu fluid fluids food foot for forever forget forgot forgotten
found free fridge friend friends from front full funny gain gave get gets getting girl give given glad
glass go goes going gone good got grandma grandpa great guess gut had hair half hand hands happen
happened happens happy hard has hate have having he head headache headaches health healthy hear heard
heart heat heavy hello help helps her here hers high him himself hip his hit hold home hope hospital hot
hour hours house how hungry hurt hurts husband i if ill illness im important in increase infection
inflammation inside instead into is issue issues it itch itching itchy its itself job joint joints
just keep kept kid kidney kidneys kids kill kind knee knew know known label large last late later lately
least leave left leg legs less let level levels life light like likely limit liquid little live liver
long look looking looks lose losing loss lost lot lots love low lower lunch lung lungs made make makes
making man many married may maybe me meal meals mean means medical medication medications medicine
medicines meds memory men mental might mild milk mind mine minute minutes miss missed mistake mix
mixed mixing mom money month months mood more morning most mother mouth much muscle muscles must my
myself name names nasty natural nausea nauseous near need needed needs nerve nerves never new next
nice night no none normal nose not nothing now number nurse of off often oh oil ok okay old on once one
ones online only open or order other others our out over overdose pack pain painful pains pair panic
parent part past patient pay people per period person pharmacist pharmacy pill pills place plan
please plus point poison poor pop positive possible pounds pregnancy pregnant prescribed prescription
pressure pretty price probably problem problems pump put question questions quick quickly quit quite
rash rather reaction read ready real really reason recently red reflex reflux relax relief remember
rest result right risk room run running safe safer said same saw say says school second see seem seems
seen sell sense serious set severe sex shake shaking shall she shot shots should shouldnt show sick
side sign signs since single sister sit skin skip sleep sleeping sleepy slow small smoke smoking so
some someone something sometimes son soon sore sorry sort spasm spasms start started starting stay
still stomach stop stopped stopping store story strength stress strong stuck stuff such sugar sun
supposed sure surgery swallow swallowed sweat sweating swelling swollen symptom symptoms system table
tablet tablets take taken takes taking talk tea teeth tell temperature test than thank thanks that the
their them then there these they thing things think thinking this those though thought throat through
thyroid time times tired to today together told tomorrow tongue too took tooth top total touch
toward travel treat treated treatment tried trouble true try trying turn twice two type ulcer under
understand until up upset urine us use used useful using usual usually very vitamin vitamins vomit
vomiting wait wake walk want wanted was watch water way we weak week weekend weeks weigh weight well
went were what whats when where whether which while white who whole why wife will wine with without
woman women wont word work worked working works worried worry worse worst would wouldnt write wrong
year years yes yesterday yet you young your yours yourself
able absorb active advice afraid agree alert also alternative alternatives anxious appointment
arthritis asthma bipolar blister breastfeeding capsule chemist clinic combine contraceptive course
cramping dental dentist dietary dosage dosing drops effective emergency energy epilepsy fatigue
fertility gluten hangover hormone hormones hypertension identify imprint ingredient ingredients
inhaler injection injections insomnia insulin interact interaction interactions label lactose liquid
migraine migraines nursing oral ounce patch period pharmacy placebo pounds prescribe pressure
pressures pulse refill relaxer relaxers remedy remedies rinse routine schedule seizure seizures
shingles sinus sleepiness smoker spray steroid steroids stiffness strain sunburn supplement supplements
syrup tingling tolerance toddler tremor tremors urinate vaccine vaccines vape vaping weed withdrawal
""")

# Endings that mark a word as a medicine name ("-mab", "-pril", "-statin"...), for names we
# do not list: such a word is reported as "not in this library" rather than guessed.
DRUG_SUFFIX = re.compile(
    r"(?:mab|umab|ximab|zumab|tinib|ciclib|pril|sartan|olol|statin|azole|mycin|micin|cillin|cycline|"
    r"floxacin|oxacin|dipine|azepam|zolam|barbital|gliptin|gliflozin|glutide|tide|vir|previr|"
    r"xetine|oxetine|triptan|dronate|parin|xaban|gatran|semide|thiazide|codone|morphone|fenac|"
    r"profen|coxib|setron|prazole|tidine|zosin|asteride|lukast|terol|afil|tadine|pramine|"
    r"triptyline|peridone|apine|piprazole|trigine|racetam|amate|idone|cort|sone|olone)$")

# Other substances people ask about alongside a medicine. Each maps the words a person may
# type to a label, and the words to look for in a guide's interactions.
SUBSTANCES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # label: (words a person types, words to find in a guide)
    "alcohol": (("alcohol", "alcoholic", "beer", "beers", "wine", "wines", "liquor", "vodka", "whiskey",
                 "whisky", "rum", "gin", "tequila", "booze", "drunk", "cocktail", "cocktails", "champagne",
                 "cider", "lager", "spirits", "margarita", "margaritas", "hangover", "brandy",
                 "drinking", "pint", "pints", "bourbon", "prosecco"),
                ("alcohol",)),
    "grapefruit": (("grapefruit", "grapefruits", "pomelo", "seville"), ("grapefruit",)),
    "caffeine": (("coffee", "caffeine", "espresso", "latte", "tea", "energy drink", "energy drinks",
                  "red bull", "monster", "soda", "coke", "cola"),
                 ("caffeine", "coffee", "tea", "cola")),
    "dairy": (("milk", "dairy", "cheese", "yogurt", "yoghurt", "ice cream"),
              ("milk", "dairy", "calcium")),
    "food": (("food", "foods", "meal", "meals", "eat", "eating", "breakfast", "lunch", "dinner",
              "snack", "empty stomach", "full stomach", "banana", "bananas", "fiber", "fibre"),
             ("food", "meal")),
    "cannabis": (("weed", "marijuana", "cannabis", "thc", "cbd", "edible", "edibles",
                  "blunt"),
                 ("cannabis", "marijuana", "cbd")),
    "nicotine": (("smoke", "smoking", "cigarette", "cigarettes", "vape", "vaping", "nicotine", "tobacco"),
                 ("smoking", "nicotine", "tobacco")),
    "antacids": (("antacid", "antacids", "tums", "rolaids", "maalox", "mylanta", "gaviscon"),
                 ("antacid",)),
    "supplements": (("supplement", "supplements", "vitamin", "vitamins", "multivitamin", "multivitamins",
                     "iron", "calcium", "magnesium", "zinc", "fish oil", "turmeric", "ginkgo",
                     "st johns wort", "st john s wort", "saint johns wort", "melatonin", "kratom",
                     "herbal", "herbs", "biotin", "potassium"),
                    ("supplement", "vitamin", "iron", "calcium", "magnesium", "zinc", "st john",
                     "melatonin", "herbal", "mineral", "potassium")),
    "birth control": (("birth control", "contraceptive", "contraceptives", "contraception",
                       "nuvaring"),
                      ("birth control", "contraceptive", "hormonal")),
}

MEDICINE_WORDS = _words("""
medicine medicines medication medications meds med pill pills tablet tablets tabs capsule capsules
caps drug drugs prescription prescriptions dose doses dosage antibiotic antibiotics inhaler injection
syrup statin statins antidepressant antidepressants painkiller painkillers otc generic overdose
overdosed refill thinner thinners patch patches spray sprays cream drops shot shots vitamin vitamins
supplement supplements melatonin insulin antihistamine antacid antacids laxative laxatives
""")
