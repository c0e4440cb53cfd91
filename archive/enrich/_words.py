"""Words that are never part of a person's name, for the name patterns of entities.py.

A capitalised run of words is a name only once titles, sentence openers, nationalities,
months and the words of institutions are taken out of it. Lists, not a model: a wrong
guess here is found and fixed by reading one line.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Stripped from the front of a name ("Judge", "Foreign Secretary", "Mr"); a title word at the
# end stays ("Mervyn King", "John Major").
TITLES = _words("""
mr mrs ms miss mx dr prof professor judge justice president premier minister secretary
chancellor senator governor mayor sir lord lady dame rev reverend father imam sheikh
general gen colonel col captain capt sergeant lieutenant commander officer inspector
detective chairman chairwoman chair director chief ambassador king queen prince princess
pope mp mep commissioner deputy vice leader spokesman spokeswoman spokesperson
attorney prosecutor lawyer activist dissident professor doctor nurse coach manager
foreign home shadow prime interior defence defense finance trade culture education
health justice security party state general-secretary secretary-general head founder
mister madam councillor cllr dj rabbi bishop archbishop baroness baron earl duke
господин госпожа президент судья профессор доктор министр
""")

# Capitalised at the start of a sentence, in headings, or as part of institutions.
STOP = _words("""
a an the this that these those there here then than when where while what which who whom
whose why how if in on at by for from to of and or but nor so yet as after before since
until during about above below under over into onto across against among between through
without within upon not no yes all any both each every few more most other some such only
own same very just also still even ever never now today yesterday tomorrow tonight later
earlier meanwhile however although though because therefore thus hence moreover instead
according despite amid amidst unlike like many much several one two three four five six
seven eight nine ten first second third last next new old i we you he she it they me us
him her them my our your his its their mine ours yours theirs hers myself itself
himself herself themselves ourselves yourself yourselves is are was were be been being
have has had do does did  would shall should can could might must let please
thanks thank dear hello hi oh ok okay well indeed perhaps maybe maybe almost already
again once twice chapter section part page figure table photo photograph image video
source sources update read watch listen see note editor editors correction breaking
exclusive analysis opinion comment interview report reports news live home
north south east west northern southern eastern western central upper lower greater
saint st mount lake river sea ocean gulf bay valley mountains mountain island islands
street road avenue square  city county province prefecture region district oblast
republic kingdom federation union united nations national international global world
state states government council committee ministry department bureau office agency
court university college school institute institution center centre hospital museum
camp camps prison prisons police army army's military party parties congress parliament
assembly senate association society foundation fund trust group company corporation
bank market stock exchange airport station port bridge tower  palace  mosque
temple club league cup championship games olympic olympics festival award awards prize
day week month year century decade morning afternoon evening night weekend spring summer
autumn fall winter christmas easter ramadan eid
human rights law act  code treaty convention declaration protocol agreement
communist socialist democratic democrat democrats republican republicans liberal labour
conservative  independent free freedom radio tv television times post daily press
online internet web digital mobile
inc ltd plc llc corp co group holdings tobacco airlines airways motors energy oil gas
telecom telecoms technologies systems software media entertainment pictures records
studios network networks capital partners investments insurance pharmaceuticals
muslim muslims  islamic christian christians jewish buddhist
chinese kazakh kazakhs kazakhstani uyghur uyghurs uighur uighurs uyghurs'
kyrgyz uzbek tajik tatar mongol mongolian tibetan russian russians american americans
british english scottish welsh irish european europeans german french italian spanish
turkish dutch swedish australian canadian japanese korean indian pakistani afghan
iranian iraqi syrian arab arabic israeli african asian western soviet
war wars plan program programme programs revolution movement basin desert plateau expo
conference summit forum services service research data regulation environment ecology
ecological geography areas area studies cultures culture science sciences project
initiative campaign strategy policy reform scheme act ii iii iv
""")

# "May" is left out: a surname too (Theresa May), and dates.py reads dates on its own.
MONTHS = _words("""
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""")
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# Lower-case particles inside a name ("Ludwig van Beethoven", "Osama bin Laden").
PARTICLES = _words("van von der den de del della da di du dos das la le al el bin ibn ben binti")

# Words after a name that make it a place or an organisation, not a person.
PLACE_AFTER = _words("province prefecture county region district oblast")
ORG_AFTER = _words("""
court ministry university bureau party committee council department commission agency
institution institute centre center association union bank group company corporation
network foundation fund congress parliament assembly league club embassy office police
society trust times post news radio television tv organisation organization
""")
# Institutions usually named "X of Y": "Ministry of Public Security", "Department for Work".
OF_PHRASE = _words("ministry department commission committee institute bank university office")
CAMP = "camp"

NOT_NAME = TITLES | STOP | MONTHS | WEEKDAYS
